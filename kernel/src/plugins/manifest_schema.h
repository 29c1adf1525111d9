#pragma once
// The JSON Schema every plugin.json must satisfy. Validated with JsonSchema
// (closed objects: unknown manifest keys are refused). The registry publishes
// the same text as registry/schema/plugin.schema.json.

#include <string_view>

namespace gateos::kernel::plugins {

std::string_view manifestSchemaText() noexcept;

}  // namespace gateos::kernel::plugins

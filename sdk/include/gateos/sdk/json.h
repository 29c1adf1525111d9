#pragma once
#include <nlohmann/json.hpp>

namespace gateos::sdk {
// JSON value used for configuration and unmodelled fields. Its version is part of
// the build signature, so it may cross the plugin boundary.
using Json = nlohmann::json;
}  // namespace gateos::sdk

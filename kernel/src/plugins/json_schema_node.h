#pragma once
// Internal: one compiled JSON Schema node (see json_schema.h). Shared by the
// compiler (json_schema_compile.cpp) and the validator (json_schema.cpp).

#include <cstdint>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "plugins/json_schema.h"

namespace gateos::kernel::plugins {

enum JsonTypeBit : std::uint8_t {
  kTypeNull = 1 << 0,
  kTypeBoolean = 1 << 1,
  kTypeInteger = 1 << 2,
  kTypeNumber = 1 << 3,  // includes integers
  kTypeString = 1 << 4,
  kTypeArray = 1 << 5,
  kTypeObject = 1 << 6,
};

struct JsonSchema::Node {
  // Boolean schemas: `true` accepts everything, `false` nothing.
  bool rejectAll = false;

  std::uint8_t types = 0;  // 0: any type
  std::string typeNames;   // for messages: "string or null"

  std::vector<std::pair<std::string, std::unique_ptr<Node>>> properties;
  std::vector<std::string> required;
  // Closed unless additionalProperties says otherwise (see json_schema.h).
  bool closed = false;
  std::unique_ptr<Node> additional;  // schema for undeclared keys, when given

  std::optional<sdk::Json> constValue;
  std::optional<std::vector<sdk::Json>> enumValues;

  std::optional<double> minimum, maximum, exclusiveMinimum, exclusiveMaximum;
  std::optional<std::size_t> minLength, maxLength, minItems, maxItems;
  bool uniqueItems = false;

  std::optional<std::regex> pattern;
  std::string patternSource;
  bool formatUri = false;

  std::unique_ptr<Node> items;
  std::vector<std::unique_ptr<Node>> anyOf, oneOf, allOf;

  std::optional<sdk::Json> defaultValue;
};

// Builds the node tree; errors name the schema location ("/properties/x").
sdk::Result<std::unique_ptr<JsonSchema::Node>> compileSchemaNode(const sdk::Json& schema, const std::string& location);

}  // namespace gateos::kernel::plugins

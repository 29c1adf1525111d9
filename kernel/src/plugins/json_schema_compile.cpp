// Compiles a JSON Schema document into JsonSchema::Node trees, refusing every
// keyword the validator does not implement.

#include <set>
#include <string_view>

#include "plugins/json_schema_node.h"

namespace gateos::kernel::plugins {
namespace {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

// Keywords with no effect on validation.
const std::set<std::string_view> kAnnotations = {
    "$schema", "$id", "$comment", "title", "description", "examples",
    "readOnly", "writeOnly", "secret", "deprecated",
};

Status schemaError(const std::string& location, const std::string& message) {
  return Status(StatusCode::kInvalidArgument, (location.empty() ? "/" : location) + ": " + message);
}

std::optional<std::uint8_t> typeBit(const std::string& name) {
  if (name == "null") return kTypeNull;
  if (name == "boolean") return kTypeBoolean;
  if (name == "integer") return kTypeInteger;
  if (name == "number") return kTypeNumber;
  if (name == "string") return kTypeString;
  if (name == "array") return kTypeArray;
  if (name == "object") return kTypeObject;
  return std::nullopt;
}

Status compileType(const Json& value, JsonSchema::Node& node, const std::string& at) {
  std::vector<std::string> names;
  if (value.is_string()) {
    names.push_back(value.get<std::string>());
  } else if (value.is_array() && !value.empty()) {
    for (const auto& item : value) {
      if (!item.is_string()) return schemaError(at, "type: expected a type name");
      names.push_back(item.get<std::string>());
    }
  } else {
    return schemaError(at, "type: expected a type name or an array of them");
  }
  for (const auto& name : names) {
    auto bit = typeBit(name);
    if (!bit) return schemaError(at, "type: unknown type '" + name + "'");
    node.types |= *bit;
    node.typeNames += (node.typeNames.empty() ? "" : " or ") + name;
  }
  return {};
}

Status readNumber(const Json& value, std::optional<double>& out, const std::string& at, const char* key) {
  if (!value.is_number()) return schemaError(at, std::string(key) + ": expected a number");
  out = value.get<double>();
  return {};
}

Status readCount(const Json& value, std::optional<std::size_t>& out, const std::string& at, const char* key) {
  if (!value.is_number_integer() || value.get<long long>() < 0) {
    return schemaError(at, std::string(key) + ": expected a non-negative integer");
  }
  out = value.get<std::size_t>();
  return {};
}

Status compileList(const Json& value, std::vector<std::unique_ptr<JsonSchema::Node>>& out,
                   const std::string& at, const char* key) {
  if (!value.is_array() || value.empty()) return schemaError(at, std::string(key) + ": expected a non-empty array");
  for (std::size_t i = 0; i < value.size(); ++i) {
    auto child = compileSchemaNode(value[i], at + "/" + key + "/" + std::to_string(i));
    if (!child) return child.status();
    out.push_back(std::move(child).value());
  }
  return {};
}

// Compiles one keyword of an object schema into `node`.
Status compileKeyword(const std::string& key, const Json& value, JsonSchema::Node& node, const std::string& at) {
  if (key == "type") return compileType(value, node, at);
  if (key == "properties") {
    if (!value.is_object()) return schemaError(at, "properties: expected an object");
    for (const auto& [name, sub] : value.items()) {
      auto child = compileSchemaNode(sub, at + "/properties/" + name);
      if (!child) return child.status();
      node.properties.emplace_back(name, std::move(child).value());
    }
    return {};
  }
  if (key == "required") {
    if (!value.is_array()) return schemaError(at, "required: expected an array of names");
    for (const auto& name : value) {
      if (!name.is_string()) return schemaError(at, "required: expected an array of names");
      node.required.push_back(name.get<std::string>());
    }
    return {};
  }
  if (key == "additionalProperties") return {};  // handled by the caller
  if (key == "enum") {
    if (!value.is_array() || value.empty()) return schemaError(at, "enum: expected a non-empty array");
    node.enumValues = std::vector<Json>(value.begin(), value.end());
    return {};
  }
  if (key == "const") {
    node.constValue = value;
    return {};
  }
  if (key == "minimum") return readNumber(value, node.minimum, at, "minimum");
  if (key == "maximum") return readNumber(value, node.maximum, at, "maximum");
  if (key == "exclusiveMinimum") return readNumber(value, node.exclusiveMinimum, at, "exclusiveMinimum");
  if (key == "exclusiveMaximum") return readNumber(value, node.exclusiveMaximum, at, "exclusiveMaximum");
  if (key == "minLength") return readCount(value, node.minLength, at, "minLength");
  if (key == "maxLength") return readCount(value, node.maxLength, at, "maxLength");
  if (key == "minItems") return readCount(value, node.minItems, at, "minItems");
  if (key == "maxItems") return readCount(value, node.maxItems, at, "maxItems");
  if (key == "uniqueItems") {
    if (!value.is_boolean()) return schemaError(at, "uniqueItems: expected a boolean");
    node.uniqueItems = value.get<bool>();
    return {};
  }
  if (key == "pattern") {
    if (!value.is_string()) return schemaError(at, "pattern: expected a string");
    node.patternSource = value.get<std::string>();
    try {
      node.pattern.emplace(node.patternSource, std::regex::ECMAScript | std::regex::optimize);
    } catch (const std::regex_error& e) {
      return schemaError(at, "pattern: invalid regular expression '" + node.patternSource + "': " + e.what());
    }
    return {};
  }
  if (key == "format") {
    if (value != "uri") {
      return schemaError(at, "format: only \"uri\" is supported, got " + value.dump());
    }
    node.formatUri = true;
    return {};
  }
  if (key == "items") {
    if (value.is_array()) return schemaError(at, "items: tuple form is not supported");
    auto child = compileSchemaNode(value, at + "/items");
    if (!child) return child.status();
    node.items = std::move(child).value();
    return {};
  }
  if (key == "anyOf") return compileList(value, node.anyOf, at, "anyOf");
  if (key == "oneOf") return compileList(value, node.oneOf, at, "oneOf");
  if (key == "allOf") return compileList(value, node.allOf, at, "allOf");
  if (key == "default") {
    node.defaultValue = value;
    return {};
  }
  if (kAnnotations.count(key) != 0 || key.rfind("x-", 0) == 0) return {};
  return schemaError(at, "unsupported keyword '" + key + "'");
}

}  // namespace

sdk::Result<std::unique_ptr<JsonSchema::Node>> compileSchemaNode(const Json& schema, const std::string& location) {
  auto node = std::make_unique<JsonSchema::Node>();
  if (schema.is_boolean()) {
    node->rejectAll = !schema.get<bool>();
    return node;
  }
  if (!schema.is_object()) return schemaError(location, "a schema must be an object or a boolean");
  for (const auto& [key, value] : schema.items()) {
    if (auto status = compileKeyword(key, value, *node, location); !status) return status;
  }
  const bool objectSchema = schema.contains("properties") || (node->types & kTypeObject) != 0;
  if (auto it = schema.find("additionalProperties"); it != schema.end()) {
    if (it->is_boolean()) {
      node->closed = !it->get<bool>();
    } else {
      auto child = compileSchemaNode(*it, location + "/additionalProperties");
      if (!child) return child.status();
      node->additional = std::move(child).value();
    }
  } else {
    node->closed = objectSchema;
  }
  return node;
}

sdk::Result<JsonSchema> JsonSchema::compile(const Json& schema) {
  auto root = compileSchemaNode(schema, "");
  if (!root) return root.status();
  return JsonSchema(std::shared_ptr<const Node>(std::move(root).value()), schema);
}

JsonSchema::JsonSchema(std::shared_ptr<const Node> root, Json source)
    : root_(std::move(root)), source_(std::make_shared<const Json>(std::move(source))) {}

const Json& JsonSchema::source() const noexcept { return *source_; }

}  // namespace gateos::kernel::plugins

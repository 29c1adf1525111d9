// Validation and defaults over compiled schema nodes (see json_schema.h).

#include "plugins/json_schema.h"

#include <cmath>

#include <fmt/format.h>

#include "plugins/json_schema_node.h"

namespace gateos::kernel::plugins {
namespace {

using sdk::Json;
using Node = JsonSchema::Node;

std::string joinPath(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

const char* typeName(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "number";
    case Json::value_t::string: return "string";
    case Json::value_t::array: return "array";
    case Json::value_t::object: return "object";
    default: return "binary";
  }
}

bool isInteger(const Json& value) {
  if (value.is_number_integer()) return true;
  if (!value.is_number_float()) return false;
  double d = value.get<double>();
  return std::isfinite(d) && std::floor(d) == d;
}

bool matchesType(std::uint8_t types, const Json& value) {
  if (types == 0) return true;
  switch (value.type()) {
    case Json::value_t::null: return types & kTypeNull;
    case Json::value_t::boolean: return types & kTypeBoolean;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return (types & kTypeNumber) || ((types & kTypeInteger) && isInteger(value));
    case Json::value_t::string: return types & kTypeString;
    case Json::value_t::array: return types & kTypeArray;
    case Json::value_t::object: return types & kTypeObject;
    default: return false;
  }
}

std::string number(double d) {
  if (std::floor(d) == d && std::fabs(d) < 1e15) return fmt::format("{}", static_cast<long long>(d));
  return fmt::format("{}", d);
}

// An http(s) URL with a non-empty host and no whitespace.
bool isHttpUrl(const std::string& s) {
  std::size_t start = s.rfind("https://", 0) == 0 ? 8 : s.rfind("http://", 0) == 0 ? 7 : 0;
  if (start == 0) return false;
  for (char c : s) {
    if (static_cast<unsigned char>(c) <= ' ') return false;
  }
  std::size_t end = s.find_first_of("/?#", start);
  std::string authority = s.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  return !authority.empty() && authority[0] != ':';
}

// Collects errors into `out` until it holds `max` of them.
class Checker {
 public:
  Checker(std::vector<std::string>& out, std::size_t max) : out_(out), max_(max) {}

  bool full() const { return out_.size() >= max_; }

  void check(const Node& node, const Json& value, const std::string& path) {
    if (full()) return;
    if (node.rejectAll) return fail(path, "no value is allowed here");
    if (!matchesType(node.types, value)) {
      return fail(path, fmt::format("expected {}, got {}", node.typeNames, typeName(value)));
    }
    if (node.constValue && value != *node.constValue) return fail(path, "must be " + node.constValue->dump());
    if (node.enumValues) checkEnum(node, value, path);
    if (value.is_number()) checkNumber(node, value.get<double>(), path);
    if (value.is_string()) checkString(node, value.get_ref<const std::string&>(), path);
    if (value.is_array()) checkArray(node, value, path);
    if (value.is_object()) checkObject(node, value, path);
    for (const auto& sub : node.allOf) check(*sub, value, path);
    if (!node.anyOf.empty()) checkAnyOf(node, value, path);
    if (!node.oneOf.empty()) checkOneOf(node, value, path);
  }

 private:
  void fail(const std::string& path, const std::string& message) {
    if (!full()) out_.push_back(path.empty() ? message : path + ": " + message);
  }

  void checkEnum(const Node& node, const Json& value, const std::string& path) {
    std::string allowed;
    for (const auto& candidate : *node.enumValues) {
      if (candidate == value) return;
      allowed += (allowed.empty() ? "" : ", ") + candidate.dump();
    }
    fail(path, "must be one of " + allowed);
  }

  void checkNumber(const Node& node, double v, const std::string& path) {
    if (node.minimum && v < *node.minimum) fail(path, "must be >= " + number(*node.minimum));
    if (node.maximum && v > *node.maximum) fail(path, "must be <= " + number(*node.maximum));
    if (node.exclusiveMinimum && v <= *node.exclusiveMinimum) fail(path, "must be > " + number(*node.exclusiveMinimum));
    if (node.exclusiveMaximum && v >= *node.exclusiveMaximum) fail(path, "must be < " + number(*node.exclusiveMaximum));
  }

  void checkString(const Node& node, const std::string& s, const std::string& path) {
    // Length in code points, as JSON Schema counts it.
    std::size_t length = 0;
    for (unsigned char c : s) length += (c & 0xC0) != 0x80;
    if (node.minLength && length < *node.minLength) fail(path, fmt::format("must be at least {} characters", *node.minLength));
    if (node.maxLength && length > *node.maxLength) fail(path, fmt::format("must be at most {} characters", *node.maxLength));
    if (node.pattern) {
      bool matched = false;
      try {
        matched = std::regex_search(s, *node.pattern);
      } catch (const std::regex_error&) {  // e.g. backtracking limits on huge input
      }
      if (!matched) fail(path, "must match pattern '" + node.patternSource + "'");
    }
    if (node.formatUri && !isHttpUrl(s)) fail(path, "invalid URL (expected http:// or https://)");
  }

  void checkArray(const Node& node, const Json& value, const std::string& path) {
    if (node.minItems && value.size() < *node.minItems) fail(path, fmt::format("must have at least {} items", *node.minItems));
    if (node.maxItems && value.size() > *node.maxItems) fail(path, fmt::format("must have at most {} items", *node.maxItems));
    if (node.uniqueItems) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        for (std::size_t j = i + 1; j < value.size(); ++j) {
          if (value[i] == value[j]) return fail(path, fmt::format("items {} and {} are equal", i, j));
        }
      }
    }
    if (node.items) {
      for (std::size_t i = 0; i < value.size(); ++i) check(*node.items, value[i], fmt::format("{}[{}]", path, i));
    }
  }

  void checkObject(const Node& node, const Json& value, const std::string& path) {
    for (const auto& name : node.required) {
      if (!value.contains(name)) fail(path, "missing required key '" + name + "'");
    }
    for (const auto& [key, item] : value.items()) {
      const Node* declared = nullptr;
      for (const auto& [name, sub] : node.properties) {
        if (name == key) declared = sub.get();
      }
      if (declared) {
        check(*declared, item, joinPath(path, key));
      } else if (node.additional) {
        check(*node.additional, item, joinPath(path, key));
      } else if (node.closed) {
        fail(path, "unknown key '" + key + "'");
      }
    }
  }

  void checkAnyOf(const Node& node, const Json& value, const std::string& path) {
    std::string firstReason;
    for (const auto& sub : node.anyOf) {
      std::vector<std::string> errors;
      Checker(errors, 1).check(*sub, value, path);
      if (errors.empty()) return;
      if (firstReason.empty()) firstReason = errors.front();
    }
    fail(path, "does not match any allowed schema (first: " + firstReason + ")");
  }

  void checkOneOf(const Node& node, const Json& value, const std::string& path) {
    std::size_t matches = 0;
    for (const auto& sub : node.oneOf) {
      std::vector<std::string> errors;
      Checker(errors, 1).check(*sub, value, path);
      matches += errors.empty();
    }
    if (matches != 1) fail(path, fmt::format("must match exactly one allowed schema, matched {}", matches));
  }

  std::vector<std::string>& out_;
  std::size_t max_;
};

void fillDefaults(const Node& node, Json& value) {
  if (value.is_object()) {
    for (const auto& [name, sub] : node.properties) {
      if (!value.contains(name) && sub->defaultValue) value[name] = *sub->defaultValue;
      if (auto it = value.find(name); it != value.end()) fillDefaults(*sub, *it);
    }
  }
  if (value.is_array() && node.items) {
    for (auto& item : value) fillDefaults(*node.items, item);
  }
  for (const auto& sub : node.allOf) fillDefaults(*sub, value);
}

}  // namespace

std::vector<std::string> JsonSchema::errors(const Json& value, std::size_t maxErrors) const {
  std::vector<std::string> out;
  Checker(out, maxErrors == 0 ? 1 : maxErrors).check(*root_, value, "");
  return out;
}

sdk::Status JsonSchema::validate(const Json& value, std::size_t maxErrors) const {
  auto all = errors(value, maxErrors);
  if (all.empty()) return {};
  std::string message;
  for (const auto& e : all) message += (message.empty() ? "" : "; ") + e;
  return sdk::Status(sdk::StatusCode::kInvalidArgument, std::move(message));
}

void JsonSchema::applyDefaults(Json& value) const { fillDefaults(*root_, value); }

sdk::Status validate(const Json& schema, const Json& value) {
  auto compiled = JsonSchema::compile(schema);
  if (!compiled) return compiled.status().prefixed("schema");
  return compiled->validate(value);
}

sdk::Status applyDefaults(const Json& schema, Json& value) {
  auto compiled = JsonSchema::compile(schema);
  if (!compiled) return compiled.status().prefixed("schema");
  compiled->applyDefaults(value);
  return {};
}

}  // namespace gateos::kernel::plugins

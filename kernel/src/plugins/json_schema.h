#pragma once
// A JSON Schema validator for the subset plugin manifests and configurations
// use (draft 2020-12 / draft-07 keywords):
//
//   type (names or arrays of names, "integer" included), properties, required,
//   additionalProperties (bool or schema), enum, const, minimum, maximum,
//   exclusiveMinimum, exclusiveMaximum (numbers), minLength, maxLength, pattern
//   (ECMAScript, unanchored), items (one schema), minItems, maxItems,
//   uniqueItems, anyOf, oneOf, allOf, default, format "uri" (http/https URL).
//   Annotations ignored: $schema, $id, $comment, title, description, examples,
//   readOnly, writeOnly, secret, deprecated and every "x-..." key (UI hints).
//
// Two deliberate differences from the standard:
//   * Object schemas are CLOSED: a schema with "properties" or type "object"
//     rejects keys it does not declare unless it says "additionalProperties":
//     true (or gives a schema). A typo in a config key is an error, not a
//     silently ignored setting.
//   * Any other keyword is refused when the schema is compiled, so a plugin
//     cannot rely on a check the kernel does not perform.
//
// Errors name the JSON path of the offending value: "base_url: expected string,
// got number", "unknown key 'bas_url'", "timeouts.connect_ms: must be >= 1".
// Compiled schemas are immutable and may be shared between threads.

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::plugins {

class JsonSchema {
 public:
  struct Node;

  // Compiles `schema` (regular expressions are compiled here, once). Fails with
  // kInvalidArgument naming the schema location of an unsupported keyword or a
  // malformed value, e.g. "/properties/port: unsupported keyword 'multipleOf'".
  static sdk::Result<JsonSchema> compile(const sdk::Json& schema);

  // OK, or kInvalidArgument with every error (at most `maxErrors`) joined by "; ".
  sdk::Status validate(const sdk::Json& value, std::size_t maxErrors = 16) const;

  // Every error, each "path: message" (or just "message" at the root).
  std::vector<std::string> errors(const sdk::Json& value, std::size_t maxErrors = 16) const;

  // Inserts the "default" of every declared property missing from `value`,
  // recursing into objects (including inserted defaults), array items and allOf.
  void applyDefaults(sdk::Json& value) const;

  const sdk::Json& source() const noexcept;

 private:
  explicit JsonSchema(std::shared_ptr<const Node> root, sdk::Json source);
  std::shared_ptr<const Node> root_;
  std::shared_ptr<const sdk::Json> source_;
};

// Compiles `schema` and validates `value` against it (all errors joined by "; ").
sdk::Status validate(const sdk::Json& schema, const sdk::Json& value);

// Compiles `schema` and applies its defaults to `value`; a schema that does not
// compile leaves `value` unchanged and returns the compile error.
sdk::Status applyDefaults(const sdk::Json& schema, sdk::Json& value);

}  // namespace gateos::kernel::plugins

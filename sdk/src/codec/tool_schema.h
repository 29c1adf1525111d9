#pragma once
// A tool's JSON Schema in either of its canonical forms (ToolDefinition:
// parametersJson, raw text as decoders keep it, or the parameters tree), for
// decoders and encoders. Raw text travels as a raw node (json_fast.h) that
// dumpJson writes verbatim: never parsed, never rebuilt.

#include "gateos/sdk/canonical.h"
#include "json_fast.h"

namespace gateos::sdk::codec::detail {

// Stores a decoded schema value (a raw node from parseJson, or a tree) in `def`.
inline void takeSchema(Json& value, ToolDefinition& def) {
  if (isRawJsonNode(value)) def.parametersJson.assign(rawJsonText(value));
  else def.parameters = std::move(value);
}

// True when the schema is an object with at least one member.
inline bool hasObjectSchema(const ToolDefinition& t) {
  if (!t.parametersJson.empty()) {  // the client's bytes: "{ }" is empty too
    auto first = t.parametersJson.find_first_not_of(" \t\r\n", 1);
    return first != std::string::npos && t.parametersJson[first] != '}';
  }
  return t.parameters.is_object() && !t.parameters.empty();
}

// True when the schema is an object (raw text always is one).
inline bool isObjectSchema(const ToolDefinition& t) {
  return !t.parametersJson.empty() || t.parameters.is_object();
}

// The schema as a node of an encoder's body tree.
inline Json schemaNode(const ToolDefinition& t) {
  return t.parametersJson.empty() ? t.parameters : rawJsonNode(t.parametersJson);
}

}  // namespace gateos::sdk::codec::detail

#pragma once
// What every request decoder says about a field of the wrong JSON type or a
// missing one, in the same words across dialects ("messages[2].content:
// expected string, got number"). Decoders that name the field as the error's
// `param` add .withParam(field) themselves.

#include <string>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::detail {

inline const char* jsonTypeName(const Json& j) noexcept {
  switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "object";
    case Json::value_t::array: return "array";
    case Json::value_t::string: return "string";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "number";
    default: return "value";
  }
}

inline Status wrongType(const std::string& field, const char* expected, const Json& got) {
  return Status(StatusCode::kInvalidArgument, field + ": expected " + expected + ", got " + jsonTypeName(got))
      .withReason("invalid_type");
}

inline Status missing(const std::string& field) {
  return Status(StatusCode::kInvalidArgument, field + ": required").withReason("missing_field");
}

}  // namespace gateos::sdk::codec::detail

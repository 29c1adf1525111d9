#pragma once
// Byte-level helpers over JSON text already validated by a parser: find the
// span of a top-level member's value without building a document, so the
// pass-through path can splice one field (the model) and forward every other
// byte of the client's body untouched. (Same scanner as the kernel's
// core/json_scan.h, published here for adapters and drivers.)

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gateos::sdk::util {

struct JsonSpan {
  std::size_t begin = 0;  // offset of the value's first byte
  std::size_t end = 0;    // one past its last byte
};

// The value span of top-level key `key` (matched without unescaping), or nullopt.
// Precondition: `json` is valid JSON whose root is an object.
std::optional<JsonSpan> findTopLevelValue(std::string_view json, std::string_view key) noexcept;

// Appends `text` to `out` as a JSON string literal (quotes included).
void appendJsonString(std::string& out, std::string_view text);

// `json` with the value of top-level `key` replaced by the string `value`,
// every other byte kept; nullopt when the key is absent or written with
// escapes (callers then rewrite through a parser).
std::optional<std::string> replaceTopLevelString(std::string_view json, std::string_view key, std::string_view value);

}  // namespace gateos::sdk::util

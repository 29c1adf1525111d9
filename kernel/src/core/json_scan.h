#pragma once
// Byte-level helpers over JSON text already validated by a parser: find the
// span of a top-level member's value without building a document, so the
// pass-through path can splice one field (the model) and forward the rest of the
// client's bytes untouched.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gateos::kernel::core {

struct Span {
  std::size_t begin = 0;  // offset of the value's first byte
  std::size_t end = 0;    // one past its last byte
};

// The value span of top-level key `key` (matched without unescaping), or nullopt.
// Precondition: `json` is valid JSON whose root is an object.
std::optional<Span> findTopLevelValue(std::string_view json, std::string_view key) noexcept;

// Appends `text` to `out` as a JSON string literal (quotes included).
void appendJsonString(std::string& out, std::string_view text);

}  // namespace gateos::kernel::core

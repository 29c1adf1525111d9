#pragma once
// JSON string escapes, for the raw-body fast path and for tool-call arguments
// (JSON text whose string values may hold secrets).

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace gateos::plugins::stages::secret_redaction {

// Decodes every JSON escape found anywhere in `in` (structure is kept as is):
// \n, \", \uXXXX (with surrogate pairs) ... Unknown escapes are copied.
void unescapeJson(std::string_view in, std::string& out);

// The same into `out`, which has room for in.size() bytes (decoding never
// grows the text); returns the decoded length. `sawBackslash` (may be null):
// whether the result holds a backslash, i.e. may still contain escapes.
std::size_t unescapeJsonInto(std::string_view in, char* out, bool* sawBackslash) noexcept;

// Same, and records for every output byte k the offset in `in` of the escape
// or character it came from; offsets[out.size()] == in.size().
void unescapeJsonWithOffsets(std::string_view in, std::string& out, std::vector<std::uint32_t>& offsets);

// A decoded range [start, end) of a text.
struct TextSpan {
  std::uint32_t start = 0;
  std::uint32_t end = 0;
};

// unescapeJsonInto() for a whole JSON document that also records, in `strings`,
// where the content of each JSON string (object keys too) lies in the decoded
// text, in document order. White space between JSON tokens is dropped (the
// result reads like compact JSON); inside strings everything is kept. An
// unterminated last string is not recorded.
std::size_t unescapeJsonDocumentInto(std::string_view in, char* out, std::vector<TextSpan>& strings,
                                     bool* sawBackslash);

// Appends `value` escaped for the inside of a JSON string.
void appendJsonEscaped(std::string_view value, std::string& out);

}  // namespace gateos::plugins::stages::secret_redaction

#pragma once
// Standard base64 (RFC 4648, "+/" alphabet, "=" padding), for embeddings sent
// as base64 float32 arrays and images carried as base64 text.

#include <optional>
#include <string>
#include <string_view>

namespace gateos::sdk::util {

// Appends the base64 text of `bytes` to `out`.
void appendBase64(std::string& out, std::string_view bytes);

// The bytes of base64 `text` (padding optional, no whitespace), or nullopt
// when it is not base64.
std::optional<std::string> decodeBase64(std::string_view text);

}  // namespace gateos::sdk::util

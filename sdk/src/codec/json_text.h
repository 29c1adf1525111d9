#pragma once
// Small helpers for writing JSON text by hand on hot paths (SSE chunks), where
// building an nlohmann DOM per delta would cost more than the whole gateway budget.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace gateos::sdk::codec::detail {

// Appends `s` as a quoted JSON string. Invalid UTF-8 is copied as is (the
// upstream produced it; re-encoding would corrupt split multi-byte sequences).
inline void appendJsonString(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + start, i - start);
    start = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 0xF]);
    }
  }
  out.append(s.data() + start, s.size() - start);
  out.push_back('"');
}

inline std::int64_t unixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace gateos::sdk::codec::detail

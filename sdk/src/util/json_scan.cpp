// JSON byte scanner: top-level member lookup and splice without a DOM.
#include "gateos/sdk/util/json_scan.h"

#include <cstdint>
#include <cstring>

namespace gateos::sdk::util {
namespace {

// Index one past the string starting at json[i] == '"'.
std::size_t skipString(std::string_view json, std::size_t i) noexcept {
  for (++i; i < json.size(); ++i) {
    if (json[i] == '\\') {
      ++i;
    } else if (json[i] == '"') {
      return i + 1;
    }
  }
  return json.size();
}

std::size_t skipWhitespace(std::string_view json, std::size_t i) noexcept {
  while (i < json.size() && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) ++i;
  return i;
}

// Index one past the value starting at json[i].
std::size_t skipValue(std::string_view json, std::size_t i) noexcept {
  if (i >= json.size()) return i;
  char c = json[i];
  if (c == '"') return skipString(json, i);
  if (c == '{' || c == '[') {
    int depth = 0;
    for (; i < json.size(); ++i) {
      char d = json[i];
      if (d == '"') {
        i = skipString(json, i) - 1;
      } else if (d == '{' || d == '[') {
        ++depth;
      } else if (d == '}' || d == ']') {
        if (--depth == 0) return i + 1;
      }
    }
    return json.size();
  }
  // number, true, false, null
  while (i < json.size() && json[i] != ',' && json[i] != '}' && json[i] != ']' && json[i] != ' ' &&
         json[i] != '\n' && json[i] != '\r' && json[i] != '\t')
    ++i;
  return i;
}

}  // namespace

std::optional<JsonSpan> findTopLevelValue(std::string_view json, std::string_view key) noexcept {
  std::size_t i = skipWhitespace(json, 0);
  if (i >= json.size() || json[i] != '{') return std::nullopt;
  ++i;
  for (;;) {
    i = skipWhitespace(json, i);
    if (i >= json.size() || json[i] != '"') return std::nullopt;
    std::size_t keyEnd = skipString(json, i);
    std::string_view name = json.substr(i + 1, keyEnd - i - 2);
    i = skipWhitespace(json, keyEnd);
    if (i >= json.size() || json[i] != ':') return std::nullopt;
    i = skipWhitespace(json, i + 1);
    std::size_t valueEnd = skipValue(json, i);
    if (name == key) return JsonSpan{i, valueEnd};
    i = skipWhitespace(json, valueEnd);
    if (i >= json.size() || json[i] != ',') return std::nullopt;
    ++i;
  }
}

namespace {

// True when one of the 8 bytes of `word` is < 0x20, '"' or '\\' (bit tricks on
// the whole word: "has a byte less than n" and "has a byte equal to c").
inline bool needsEscape(std::uint64_t word) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
  constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
  auto hasZero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  std::uint64_t control = (word - kOnes * 0x20) & ~word & kHigh;
  return (control | hasZero(word ^ (kOnes * '"')) | hasZero(word ^ (kOnes * '\\'))) != 0;
}

}  // namespace

void appendJsonString(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.reserve(out.size() + text.size() + 2);
  out.push_back('"');
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    // Skip 8 bytes at a time while none needs escaping (most text).
    if (text.size() - i >= 8) {
      std::uint64_t word;
      std::memcpy(&word, text.data() + i, 8);
      if (!needsEscape(word)) {
        i += 8;
        continue;
      }
    }
    auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    out.append(text.data() + start, i - start);
    start = i + 1;
    ++i;
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
  out.append(text.data() + start, text.size() - start);
  out.push_back('"');
}

std::optional<std::string> replaceTopLevelString(std::string_view json, std::string_view key, std::string_view value) {
  auto span = findTopLevelValue(json, key);
  if (!span) return std::nullopt;
  std::string out;
  out.reserve(json.size() + value.size() + 2);
  out.append(json.substr(0, span->begin));
  appendJsonString(out, value);
  out.append(json.substr(span->end));
  return out;
}

}  // namespace gateos::sdk::util

#pragma once
// Small string helpers shared by the extractors (no allocation).

#include <string_view>

namespace gateos::plugins::stages::dependency_insight::text {

inline bool isSpace(char c) noexcept { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
inline bool isDigit(char c) noexcept { return c >= '0' && c <= '9'; }
inline bool isAlnum(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c);
}

inline std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

inline bool startsWith(std::string_view s, std::string_view prefix) noexcept {
  return s.substr(0, prefix.size()) == prefix;
}

// `s` starts with `word` followed by a space, tab or the end.
inline bool startsWithWord(std::string_view s, std::string_view word) noexcept {
  return startsWith(s, word) && (s.size() == word.size() || isSpace(s[word.size()]));
}

inline std::string_view afterWord(std::string_view s, std::string_view word) noexcept {
  return trim(s.substr(word.size()));
}

// The text inside the first pair of matching quotes (' " or `) at or after `from`.
inline std::string_view firstQuoted(std::string_view s, std::size_t from = 0) noexcept {
  for (std::size_t i = from; i < s.size(); ++i) {
    const char q = s[i];
    if (q != '"' && q != '\'' && q != '`') continue;
    const auto end = s.find(q, i + 1);
    if (end == std::string_view::npos) return {};
    return s.substr(i + 1, end - i - 1);
  }
  return {};
}

// Characters that may appear in a package name of any ecosystem.
inline bool isNameChar(char c) noexcept {
  return isAlnum(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == '@' || c == ':' || c == '~';
}

}  // namespace gateos::plugins::stages::dependency_insight::text

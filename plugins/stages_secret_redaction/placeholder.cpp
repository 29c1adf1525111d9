#include "placeholder.h"

namespace gateos::plugins::stages::secret_redaction {
namespace {

bool isKindChar(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }
bool isIdChar(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= '2' && c <= '7'); }

PlaceholderMatch partial() noexcept {
  PlaceholderMatch m;
  m.state = PlaceholderMatch::State::kPartial;
  return m;
}

}  // namespace

std::string formatPlaceholder(std::string_view kind, std::string_view id) {
  std::string out;
  out.reserve(kPlaceholderMaxLength);
  out += kPlaceholderPrefix;
  out += kind;
  out += ':';
  out += id;
  out += kPlaceholderSuffix;
  return out;
}

PlaceholderMatch matchPlaceholder(std::string_view text) noexcept {
  using State = PlaceholderMatch::State;
  PlaceholderMatch m;
  const std::size_t n = text.size();
  std::size_t i = 0;
  // Prefix.
  for (; i < kPlaceholderPrefix.size(); ++i) {
    if (i == n) return partial();
    if (text[i] != kPlaceholderPrefix[i]) return m;
  }
  // Kind.
  const std::size_t kindStart = i;
  while (i < n && isKindChar(text[i]) && i - kindStart < kPlaceholderMaxKind) ++i;
  if (i == n) return partial();
  if (i == kindStart || text[i] != ':') return m;
  const std::string_view kind = text.substr(kindStart, i - kindStart);
  ++i;
  // Id.
  const std::size_t idStart = i;
  while (i < n && i - idStart < kPlaceholderIdLength) {
    if (!isIdChar(text[i])) return m;
    ++i;
  }
  if (i == n) return partial();
  const std::string_view id = text.substr(idStart, kPlaceholderIdLength);
  // Suffix.
  for (std::size_t k = 0; k < kPlaceholderSuffix.size(); ++k, ++i) {
    if (i == n) return partial();
    if (text[i] != kPlaceholderSuffix[k]) return m;
  }
  m.state = State::kComplete;
  m.length = i;
  m.kind = kind;
  m.id = id;
  return m;
}

}  // namespace gateos::plugins::stages::secret_redaction

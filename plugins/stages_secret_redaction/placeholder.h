#pragma once
// The placeholder grammar, one for every dialect and every field:
//
//   [[GATEOS:<kind>:<id>]]     kind = [a-z0-9_]{1,40}, id = [a-z2-7]{6}
//
// e.g. [[GATEOS:aws_access_key:k3xq7m]]. ASCII only, no quote or backslash (so
// it is valid unchanged inside JSON strings, shell and most string literals),
// and the "[[GATEOS:" prefix does not occur in ordinary code.

#include <cstddef>
#include <string>
#include <string_view>

namespace gateos::plugins::stages::secret_redaction {

inline constexpr std::string_view kPlaceholderPrefix = "[[GATEOS:";
inline constexpr std::string_view kPlaceholderSuffix = "]]";
inline constexpr std::size_t kPlaceholderIdLength = 6;
inline constexpr std::size_t kPlaceholderMaxKind = 40;
inline constexpr std::size_t kPlaceholderMaxLength =
    kPlaceholderPrefix.size() + kPlaceholderMaxKind + 1 + kPlaceholderIdLength + kPlaceholderSuffix.size();

// The sentence added to the system prompt when something was redacted.
inline constexpr std::string_view kSystemNotice =
    "Some values in this conversation (credentials and other secrets) were replaced by placeholders of the form "
    "[[GATEOS:kind:id]]. Treat each placeholder as the value it stands for and, whenever that value is needed "
    "(in code, commands, configuration or tool arguments), write the placeholder exactly as given, character for "
    "character; never alter, complete, shorten or explain it.";

std::string formatPlaceholder(std::string_view kind, std::string_view id);

struct PlaceholderMatch {
  enum class State { kInvalid, kPartial, kComplete };
  State state = State::kInvalid;
  std::size_t length = 0;  // kComplete: bytes of the placeholder
  std::string_view kind;
  std::string_view id;
};

// Looks at text starting with '[': a complete placeholder, the beginning of
// one that the end of `text` cut short (kPartial), or neither.
PlaceholderMatch matchPlaceholder(std::string_view text) noexcept;

}  // namespace gateos::plugins::stages::secret_redaction

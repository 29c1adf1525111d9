#include "gateos/sdk/util/text_template.h"

namespace gateos::sdk::util {
namespace {

constexpr std::size_t kMaxNameLength = 64;

bool isNameStart(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isNameChar(char c) noexcept { return isNameStart(c) || (c >= '0' && c <= '9') || c == '-'; }

// "line 2, column 7" for a byte offset (columns count bytes, 1-based).
std::string position(std::string_view body, std::size_t offset) {
  std::size_t line = 1, lineStart = 0;
  for (std::size_t i = 0; i < offset && i < body.size(); ++i)
    if (body[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - lineStart + 1);
}

Status syntaxError(std::string_view body, std::size_t offset, const std::string& what) {
  return Status(StatusCode::kInvalidArgument, position(body, offset) + ": " + what).withReason("template_syntax");
}

std::string knownList(std::span<const std::string_view> variables) {
  std::string out;
  for (auto v : variables) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out.empty() ? "none" : out;
}

}  // namespace

bool TextTemplate::isValidName(std::string_view name) noexcept {
  if (name.empty() || name.size() > kMaxNameLength || !isNameStart(name.front())) return false;
  for (char c : name)
    if (!isNameChar(c)) return false;
  return true;
}

Result<TextTemplate> TextTemplate::parse(std::string_view body, std::span<const std::string_view> variables) {
  TextTemplate out;
  std::string literal;
  auto flushLiteral = [&] {
    if (literal.empty()) return;
    out.parts_.push_back(Part{std::move(literal), -1});
    literal.clear();
  };
  std::size_t i = 0;
  while (i < body.size()) {
    if (body[i] == '\\' && body.substr(i + 1, 2) == "{{") {
      literal += "{{";
      i += 3;
      continue;
    }
    if (body.substr(i, 2) != "{{") {
      literal += body[i++];
      continue;
    }
    const std::size_t open = i;
    std::size_t close = body.find("}}", i + 2);
    std::size_t nested = body.find("{{", i + 2);
    if (close == std::string_view::npos || (nested != std::string_view::npos && nested < close))
      return syntaxError(body, open, "\"{{\" is not closed by \"}}\"");
    std::string_view inner = body.substr(i + 2, close - i - 2);
    while (!inner.empty() && (inner.front() == ' ' || inner.front() == '\t')) inner.remove_prefix(1);
    while (!inner.empty() && (inner.back() == ' ' || inner.back() == '\t')) inner.remove_suffix(1);
    if (inner.empty()) return syntaxError(body, open, "empty variable name in \"{{}}\"");
    if (!isValidName(inner))
      return syntaxError(body, open,
                         "invalid variable name \"" + std::string(inner) +
                             "\" (a letter or '_', then letters, digits, '_' or '-'; at most 64)");
    int index = -1;
    for (std::size_t v = 0; v < variables.size(); ++v)
      if (variables[v] == inner) index = static_cast<int>(v);
    if (index < 0)
      return Status(StatusCode::kInvalidArgument, position(body, open) + ": unknown variable \"" + std::string(inner) +
                                                      "\" (known: " + knownList(variables) + ")")
          .withReason("unknown_variable");
    flushLiteral();
    out.parts_.push_back(Part{{}, index});
    i = close + 2;
  }
  flushLiteral();
  return out;
}

void TextTemplate::render(std::span<const std::string_view> values, std::string& out) const {
  for (const auto& part : parts_) {
    if (part.variable < 0)
      out += part.text;
    else if (static_cast<std::size_t>(part.variable) < values.size())
      out += values[static_cast<std::size_t>(part.variable)];
  }
}

std::size_t TextTemplate::occurrences(std::size_t index) const noexcept {
  std::size_t n = 0;
  for (const auto& part : parts_)
    if (part.variable >= 0 && static_cast<std::size_t>(part.variable) == index) ++n;
  return n;
}

std::pair<TextTemplate, TextTemplate> TextTemplate::splitAt(std::size_t index) const {
  std::pair<TextTemplate, TextTemplate> out;
  bool found = false;
  for (const auto& part : parts_) {
    if (!found && part.variable >= 0 && static_cast<std::size_t>(part.variable) == index) {
      found = true;
      continue;
    }
    (found ? out.second : out.first).parts_.push_back(part);
  }
  return out;
}

}  // namespace gateos::sdk::util

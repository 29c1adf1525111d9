#pragma once
// `{{variable}}` text templates: parsed once (errors name line and column),
// rendered many times without parsing again. The one implementation behind
// prompt templates, used by the kernel (validation when a template is saved,
// preview) and by stages.prompt_templates (rendering per request).
//
// Syntax
//   {{ name }}   the value of variable `name`; spaces inside the braces are
//                ignored. A name starts with a letter or '_' and continues with
//                letters, digits, '_' or '-' (at most 64 characters).
//   \{{          a literal "{{" (the backslash is dropped).
//   anything else is literal text, including a lone "}}" or "{" .
// Errors (kInvalidArgument, "line L, column C: ..."): an unclosed "{{", an empty
// or malformed name (reason "template_syntax"), a name the caller does not
// know (reason "unknown_variable").
//
// Thread-safety: a parsed template is immutable; render() may run concurrently.
// Nothing here throws except std::bad_alloc.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::sdk::util {

class TextTemplate {
 public:
  TextTemplate() = default;

  // `variables` lists the names the body may use; render() takes their values
  // in the same order.
  static Result<TextTemplate> parse(std::string_view body, std::span<const std::string_view> variables);

  // Appends the text to `out`, with values[i] for the i-th variable given to
  // parse(). Precondition: values.size() covers every variable index used.
  void render(std::span<const std::string_view> values, std::string& out) const;

  // How often variable `index` occurs.
  std::size_t occurrences(std::size_t index) const noexcept;
  bool uses(std::size_t index) const noexcept { return occurrences(index) > 0; }

  // The parts before and after the first occurrence of variable `index` (the
  // whole template and an empty one when it does not occur). Used to wrap a
  // message around `{{message}}` without copying the message.
  std::pair<TextTemplate, TextTemplate> splitAt(std::size_t index) const;

  bool empty() const noexcept { return parts_.empty(); }

  // A valid variable name (see Syntax above).
  static bool isValidName(std::string_view name) noexcept;

 private:
  struct Part {
    std::string text;   // literal text when variable < 0
    int variable = -1;  // index into the caller's variable list
  };
  std::vector<Part> parts_;
};

}  // namespace gateos::sdk::util

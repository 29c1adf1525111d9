#pragma once
// Which rules of a workspace can possibly match a file, found without running
// any glob (issue 5 budget: 100 rules in a few microseconds). Built once with
// the configuration from each glob's literal file-name ending (".py" of
// "src/**/*.py") and each rule's languages:
//   - by extension: rules with a glob whose every matching file name ends in
//     ".<ext>" are listed under <ext>;
//   - by language: rules listed under each language they name;
//   - always: rules with a glob whose ending is unknown ("src/**", "*file")
//     and rules without a file condition (they match any file).
// candidates() ORs the three sets into a bit set in rule order; the caller
// still runs the full rule check on each set bit, so the index only prunes.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gateos::plugins::policies::filetype_default_model {

struct Rule;

class RuleIndex {
 public:
  using Bits = std::vector<std::uint64_t>;

  RuleIndex() = default;
  explicit RuleIndex(const std::vector<Rule>& rules);

  // Rules that may match a file named `fileName` (the last path segment, may
  // be empty) of canonical `language` (may be empty): bit i = rules[i].
  // `out` is resized and overwritten (reuse it across files: no allocation).
  void candidates(std::string_view fileName, std::string_view language, Bits& out) const;

 private:
  void set(Bits& bits, std::size_t rule) const;
  void orInto(Bits& out, const Bits& bits) const;

  std::size_t words_ = 0;
  Bits always_;
  std::unordered_map<std::string, Bits> byExtension_;
  std::unordered_map<std::string, Bits> byLanguage_;
};

// The extension a file name is indexed by: after its last '.', else the whole name.
std::string_view indexedExtension(std::string_view fileName) noexcept;

}  // namespace gateos::plugins::policies::filetype_default_model

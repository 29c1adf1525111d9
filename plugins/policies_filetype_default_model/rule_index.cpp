#include "rule_index.h"

#include "routing_rules.h"

namespace gateos::plugins::policies::filetype_default_model {

std::string_view indexedExtension(std::string_view fileName) noexcept {
  std::size_t dot = fileName.rfind('.');
  return dot == std::string_view::npos ? fileName : fileName.substr(dot + 1);
}

RuleIndex::RuleIndex(const std::vector<Rule>& rules) : words_((rules.size() + 63) / 64), always_(words_, 0) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const Rule& rule = rules[i];
    if (!rule.hasFileCondition()) {
      set(always_, i);
      continue;
    }
    for (const auto& language : rule.languages) set(byLanguage_.try_emplace(language, words_, 0).first->second, i);
    for (const auto& glob : rule.globs) {
      for (const auto& suffix : glob.fileNameSuffixes()) {
        // Only an ending with a '.' pins the extension ("*.py", "*.test.ts",
        // "setup.py"); "*file" or "" could end any name.
        if (suffix.find('.') == std::string::npos) {
          set(always_, i);
          continue;
        }
        set(byExtension_.try_emplace(std::string(indexedExtension(suffix)), words_, 0).first->second, i);
      }
    }
  }
}

void RuleIndex::set(Bits& bits, std::size_t rule) const { bits[rule / 64] |= std::uint64_t{1} << (rule % 64); }

void RuleIndex::orInto(Bits& out, const Bits& bits) const {
  for (std::size_t w = 0; w < words_; ++w) out[w] |= bits[w];
}

void RuleIndex::candidates(std::string_view fileName, std::string_view language, Bits& out) const {
  out.assign(always_.begin(), always_.end());
  // Short keys stay in the small-string buffer: no allocation for the lookup.
  if (!fileName.empty())
    if (auto it = byExtension_.find(std::string(indexedExtension(fileName))); it != byExtension_.end()) orInto(out, it->second);
  if (!language.empty())
    if (auto it = byLanguage_.find(std::string(language)); it != byLanguage_.end()) orInto(out, it->second);
}

}  // namespace gateos::plugins::policies::filetype_default_model

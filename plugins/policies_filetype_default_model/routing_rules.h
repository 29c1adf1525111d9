#pragma once
// The configuration of policies.filetype_default_model, parsed once
// (README.md "Configuration"): per workspace, ordered rules mapping file types
// and request kinds to a model, a default model, and which requested models
// count as "routable" (e.g. "auto"). Immutable after parsing.

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "file_candidates.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "glob.h"
#include "rule_index.h"

namespace gateos::plugins::policies::filetype_default_model {

enum class KindFilter { kAny, kChat, kAutocomplete };

struct Rule {
  std::string name;                    // shown in X-GateOS-Route; "rules[i]" when not given
  std::vector<Glob> globs;             // any of them …
  std::vector<std::string> languages;  // … or any of these languages (canonical)
  KindFilter kind = KindFilter::kAny;
  std::string model;
  bool overrideExplicit = false;  // applies even when the client named a model itself

  bool hasFileCondition() const noexcept { return !globs.empty() || !languages.empty(); }
  bool matchesKind(bool autocomplete) const noexcept {
    return kind == KindFilter::kAny || (kind == KindFilter::kAutocomplete) == autocomplete;
  }
  // `path` is the candidate's path split once by the caller.
  bool matchesFile(const FileCandidate& file, const PathSegments& path) const noexcept;
};

struct WorkspaceRules {
  std::vector<std::string> routableModels;
  std::vector<Rule> rules;
  std::string defaultModel;
  bool anyOverride = false;  // some rule applies to explicit models too
  RuleIndex index;           // built from `rules` once they are final

  bool routable(std::string_view model) const noexcept {
    for (const auto& m : routableModels)
      if (m == model) return true;
    return false;
  }
};

struct Match {
  const Rule* rule = nullptr;             // null: the workspace default
  const FileCandidate* file = nullptr;    // the file that decided; null: none
};

// First match (README.md "Precedence"): candidates in precedence order, for each
// the rules in order; then rules without a file condition; nullopt when nothing
// matched (the caller applies the default). `explicitOnly`: only rules with
// override_explicit take part (the client named a model itself).
std::optional<Match> firstMatch(const WorkspaceRules& rules, const std::vector<FileCandidate>& files, bool autocomplete,
                                bool explicitOnly);

class RoutingConfig {
 public:
  // `config` is already validated against plugin.json's schema; this checks
  // what the schema cannot (globs). Errors name the field:
  // "workspaces.team-a.rules[2].glob: unclosed '['".
  static sdk::Result<std::shared_ptr<const RoutingConfig>> parse(const sdk::Json& config);

  // Null when the workspace has no rules.
  const WorkspaceRules* find(const std::string& workspace) const noexcept {
    auto it = workspaces_.find(workspace);
    return it == workspaces_.end() ? nullptr : &it->second;
  }

 private:
  std::unordered_map<std::string, WorkspaceRules> workspaces_;
};

}  // namespace gateos::plugins::policies::filetype_default_model

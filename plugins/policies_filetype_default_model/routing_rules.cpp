#include "routing_rules.h"

#include "languages.h"

namespace gateos::plugins::policies::filetype_default_model {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

Status invalid(const std::string& where, const std::string& message) {
  return Status(StatusCode::kInvalidArgument, where + ": " + message);
}

// A string or an array of strings.
sdk::Result<std::vector<std::string>> stringList(const Json& value, const std::string& where) {
  std::vector<std::string> out;
  if (value.is_string()) {
    out.push_back(value.get<std::string>());
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (!item.is_string()) return invalid(where, "expected a string or an array of strings");
      out.push_back(item.get<std::string>());
    }
  } else {
    return invalid(where, "expected a string or an array of strings");
  }
  for (const auto& s : out)
    if (s.empty()) return invalid(where, "empty string");
  return out;
}

sdk::Result<Rule> parseRule(const Json& json, const std::string& where, std::size_t index) {
  if (!json.is_object()) return invalid(where, "expected an object");
  Rule rule;
  rule.name = json.value("name", "rules[" + std::to_string(index) + "]");
  if (auto it = json.find("glob"); it != json.end()) {
    auto globs = stringList(*it, where + ".glob");
    if (!globs) return globs.status();
    for (const auto& pattern : globs.value()) {
      auto glob = Glob::compile(pattern);
      if (!glob) return invalid(where + ".glob", "'" + pattern + "': " + glob.status().message());
      rule.globs.push_back(std::move(glob.value()));
    }
  }
  if (auto it = json.find("language"); it != json.end()) {
    auto languages = stringList(*it, where + ".language");
    if (!languages) return languages.status();
    std::string buffer;
    for (const auto& l : languages.value()) rule.languages.emplace_back(canonicalLanguage(l, buffer));
  }
  std::string kind = json.value("kind", "any");
  if (kind == "chat")
    rule.kind = KindFilter::kChat;
  else if (kind == "autocomplete")
    rule.kind = KindFilter::kAutocomplete;
  else if (kind != "any")
    return invalid(where + ".kind", "expected \"chat\", \"autocomplete\" or \"any\"");
  if (!rule.hasFileCondition() && rule.kind == KindFilter::kAny)
    return invalid(where, "give glob, language or kind (the workspace's default_model catches the rest)");
  rule.model = json.value("model", "");
  if (rule.model.empty()) return invalid(where + ".model", "required");
  rule.overrideExplicit = json.value("override_explicit", false);
  return rule;
}

sdk::Result<WorkspaceRules> parseWorkspace(const Json& json, const std::string& where,
                                           const std::vector<std::string>& routableDefault) {
  WorkspaceRules ws;
  ws.routableModels = routableDefault;
  if (auto it = json.find("routable_models"); it != json.end()) {
    auto models = stringList(*it, where + ".routable_models");
    if (!models) return models.status();
    ws.routableModels = std::move(models.value());
  }
  ws.defaultModel = json.value("default_model", "");
  if (auto it = json.find("rules"); it != json.end()) {
    if (!it->is_array()) return invalid(where + ".rules", "expected an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      auto rule = parseRule((*it)[i], where + ".rules[" + std::to_string(i) + "]", i);
      if (!rule) return rule.status();
      ws.anyOverride = ws.anyOverride || rule->overrideExplicit;
      ws.rules.push_back(std::move(rule.value()));
    }
  }
  ws.index = RuleIndex(ws.rules);
  return ws;
}

}  // namespace

bool Rule::matchesFile(const FileCandidate& file, const PathSegments& path) const noexcept {
  if (!file.path.empty())
    for (const auto& glob : globs)
      if (glob.matches(path)) return true;
  if (!file.language.empty())
    for (const auto& language : languages)
      if (language == file.language) return true;
  return false;
}

std::optional<Match> firstMatch(const WorkspaceRules& ws, const std::vector<FileCandidate>& files, bool autocomplete,
                                bool explicitOnly) {
  RuleIndex::Bits possible;
  for (const auto& file : files) {
    PathSegments path(file.path);
    ws.index.candidates(path.fileName(), file.language, possible);
    // Set bits in rule order: the first full match wins, as without the index.
    for (std::size_t w = 0; w < possible.size(); ++w) {
      for (std::uint64_t bits = possible[w]; bits != 0; bits &= bits - 1) {
        const Rule& rule = ws.rules[w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits))];
        if (explicitOnly && !rule.overrideExplicit) continue;
        if (!rule.matchesKind(autocomplete)) continue;
        if (!rule.hasFileCondition() || rule.matchesFile(file, path)) return Match{&rule, &file};
      }
    }
  }
  for (const auto& rule : ws.rules) {
    if (explicitOnly && !rule.overrideExplicit) continue;
    if (!rule.hasFileCondition() && rule.matchesKind(autocomplete)) return Match{&rule, nullptr};
  }
  return std::nullopt;
}

sdk::Result<std::shared_ptr<const RoutingConfig>> RoutingConfig::parse(const Json& config) {
  auto out = std::make_shared<RoutingConfig>();
  std::vector<std::string> routable{"auto"};
  if (auto it = config.find("routable_models"); it != config.end()) {
    auto models = stringList(*it, "routable_models");
    if (!models) return models.status();
    routable = std::move(models.value());
  }
  if (auto it = config.find("workspaces"); it != config.end()) {
    if (!it->is_object()) return invalid("workspaces", "expected an object keyed by workspace name");
    for (const auto& [name, ws] : it->items()) {
      if (!ws.is_object()) return invalid("workspaces." + name, "expected an object");
      auto parsed = parseWorkspace(ws, "workspaces." + name, routable);
      if (!parsed) return parsed.status();
      out->workspaces_.emplace(name, std::move(parsed.value()));
    }
  }
  return std::shared_ptr<const RoutingConfig>(std::move(out));
}

}  // namespace gateos::plugins::policies::filetype_default_model

#include "redaction_config.h"

#include <set>

namespace gateos::plugins::stages::secret_redaction {
namespace {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

Status invalid(const std::string& where, const std::string& what) {
  return Status(StatusCode::kInvalidArgument, where + ": " + what);
}

Status checkKeys(const Json& obj, const std::set<std::string>& allowed, const std::string& where) {
  if (!obj.is_object()) return invalid(where, "expected an object");
  for (const auto& [k, v] : obj.items())
    if (!allowed.count(k)) return invalid(where, "unknown key '" + k + "'");
  return {};
}

Status readBool(const Json& obj, const char* key, std::optional<bool>& out, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (!it->is_boolean()) return invalid(where, std::string(key) + ": expected a boolean");
  out = it->get<bool>();
  return {};
}

Status readMode(const Json& obj, std::optional<Mode>& out, const std::string& where) {
  auto it = obj.find("mode");
  if (it == obj.end()) return {};
  if (*it == "redact") out = Mode::kRedact;
  else if (*it == "block") out = Mode::kBlock;
  else return invalid(where, "mode: expected \"redact\" or \"block\"");
  return {};
}

// The detector-related settings of one level (top or workspace).
struct Additions {
  std::vector<DetectorSpec> custom;
  std::vector<std::string> literals;
  std::vector<std::string> allowValues;
  std::vector<std::string> allowPatterns;
  std::set<std::string> disabled;
  bool any() const {
    return !custom.empty() || !literals.empty() || !allowValues.empty() || !allowPatterns.empty() || !disabled.empty();
  }
};

Status readAdditions(const Json& obj, const PatternPack& pack, Additions& out, const std::string& where) {
  if (auto it = obj.find("custom_patterns"); it != obj.end()) {
    if (!it->is_array()) return invalid(where, "custom_patterns: expected an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      auto d = parseDetector((*it)[i], pack.contexts, where + ": custom_patterns[" + std::to_string(i) + "]");
      if (!d) return d.status();
      if (!(*it)[i].contains("category")) d->category = "custom";
      out.custom.push_back(std::move(d).value());
    }
  }
  if (auto it = obj.find("always_redact"); it != obj.end()) {
    if (!it->is_array()) return invalid(where, "always_redact: expected an array of strings");
    for (const auto& v : *it) {
      if (!v.is_string() || v.get<std::string>().size() < 4)
        return invalid(where, "always_redact: expected strings of at least 4 characters");
      out.literals.push_back(v.get<std::string>());
    }
  }
  if (auto it = obj.find("allowlist"); it != obj.end()) {
    if (!it->is_array()) return invalid(where, "allowlist: expected an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const auto& v = (*it)[i];
      const std::string at = where + ": allowlist[" + std::to_string(i) + "]";
      if (v.is_string()) {
        out.allowValues.push_back(v.get<std::string>());
      } else if (v.is_object() && v.size() == 1 && v.contains("pattern") && v["pattern"].is_string()) {
        RE2 re(v["pattern"].get<std::string>(), RE2::Quiet);
        if (!re.ok()) return invalid(at, "pattern: " + re.error());
        out.allowPatterns.push_back(v["pattern"].get<std::string>());
      } else {
        return invalid(at, "expected a value (string) or {\"pattern\": \"<regex>\"}");
      }
    }
  }
  if (auto it = obj.find("disabled_detectors"); it != obj.end()) {
    if (!it->is_array()) return invalid(where, "disabled_detectors: expected an array of detector ids");
    for (const auto& v : *it) {
      if (!v.is_string()) return invalid(where, "disabled_detectors: expected an array of detector ids");
      const auto id = v.get<std::string>();
      bool known = false;
      for (const auto& d : pack.detectors) known = known || d.id == id;
      if (!known) return invalid(where, "disabled_detectors: unknown detector '" + id + "'");
      out.disabled.insert(id);
    }
  }
  return {};
}

sdk::Result<std::shared_ptr<const Scanner>> buildScanner(const PatternPack& pack, const Additions& top,
                                                         const Additions* ws, const std::filesystem::path& cacheDir,
                                                         const std::string& where) {
  std::vector<DetectorSpec> specs;
  std::set<std::string> ids;
  for (const auto& d : pack.detectors) {
    if (top.disabled.count(d.id) || (ws && ws->disabled.count(d.id))) continue;
    specs.push_back(d);
    ids.insert(d.id);
  }
  for (const Additions* level : {&top, ws}) {
    if (!level) continue;
    for (const auto& d : level->custom) {
      if (!ids.insert(d.id).second) return invalid(where, "custom_patterns: id '" + d.id + "' is already used");
      specs.push_back(d);
    }
  }
  std::size_t n = 0;
  for (const Additions* level : {&top, ws}) {
    if (!level) continue;
    for (const auto& value : level->literals) {
      DetectorSpec d;
      d.id = "always_redact_" + std::to_string(n++);
      d.kind = "custom_secret";
      d.category = "custom";
      d.description = "value listed in always_redact";
      d.regex = value;
      d.literal = true;
      specs.push_back(std::move(d));
    }
  }
  Allowlist allow;
  for (const Additions* level : {&top, ws}) {
    if (!level) continue;
    allow.values.insert(level->allowValues.begin(), level->allowValues.end());
    for (const auto& p : level->allowPatterns) allow.patterns.push_back(std::make_shared<const RE2>(p, RE2::Quiet));
  }
  auto scanner = Scanner::build(specs, std::move(allow), cacheDir);
  if (!scanner) return scanner.status().prefixed(where);
  return scanner;
}

const std::set<std::string> kLevelKeys = {"enabled",         "mode",          "notice",    "notice_off_clients",
                                          "custom_patterns", "always_redact", "allowlist", "disabled_detectors",
                                          "keys"};

Status readClients(const Json& obj, std::vector<std::string>& out, const std::string& where) {
  auto it = obj.find("notice_off_clients");
  if (it == obj.end()) return {};
  if (!it->is_array()) return invalid(where, "notice_off_clients: expected an array of strings");
  for (const auto& v : *it) {
    if (!v.is_string() || v.get<std::string>().empty())
      return invalid(where, "notice_off_clients: expected non-empty strings");
    std::string s = v.get<std::string>();
    for (auto& ch : s) ch = (ch >= 'A' && ch <= 'Z') ? char(ch + 32) : ch;
    out.push_back(std::move(s));
  }
  return {};
}

Status readKeyOverrides(const Json& obj, StringMap<KeyOverride>& out, const std::string& where) {
  auto it = obj.find("keys");
  if (it == obj.end()) return {};
  if (!it->is_object()) return invalid(where, "keys: expected an object keyed by gateway key id");
  for (const auto& [id, k] : it->items()) {
    const std::string at = where + ": keys." + id;
    if (auto s = checkKeys(k, {"enabled", "mode"}, at); !s) return s;
    KeyOverride o;
    if (auto s = readBool(k, "enabled", o.enabled, at); !s) return s;
    if (auto s = readMode(k, o.mode, at); !s) return s;
    auto& merged = out[id];  // a workspace's override refines the top level's
    if (o.enabled) merged.enabled = o.enabled;
    if (o.mode) merged.mode = o.mode;
  }
  return {};
}

bool containsLower(std::string_view hay, std::string_view needleLower) noexcept {
  if (needleLower.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needleLower.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < needleLower.size()) {
      char c = hay[i + k];
      if (c >= 'A' && c <= 'Z') c = char(c + 32);
      if (c != needleLower[k]) break;
      ++k;
    }
    if (k == needleLower.size()) return true;
  }
  return false;
}

}  // namespace

sdk::Result<std::shared_ptr<const RedactionConfig>> RedactionConfig::build(const Json& config, const PatternPack& pack,
                                                                           const std::filesystem::path& cacheDir) {
  std::set<std::string> topKeys = kLevelKeys;
  topKeys.insert({"workspaces", "ttl_seconds"});
  const Json empty = Json::object();
  const Json& c = config.is_null() ? empty : config;
  if (auto s = checkKeys(c, topKeys, "config"); !s) return s;

  auto cfg = std::shared_ptr<RedactionConfig>(new RedactionConfig());
  std::optional<bool> enabled, notice;
  std::optional<Mode> mode;
  if (auto s = readBool(c, "enabled", enabled, "config"); !s) return s;
  if (auto s = readBool(c, "notice", notice, "config"); !s) return s;
  if (auto s = readMode(c, mode, "config"); !s) return s;
  if (auto it = c.find("ttl_seconds"); it != c.end()) {
    if (!it->is_number_integer() || *it < 1 || *it > 7 * 24 * 3600)
      return invalid("config", "ttl_seconds: expected an integer from 1 to 604800");
    cfg->ttl_ = std::chrono::seconds(it->get<long long>());
  }
  Additions top;
  if (auto s = readAdditions(c, pack, top, "config"); !s) return s;
  cfg->base_.enabled = enabled.value_or(true);
  cfg->base_.mode = mode.value_or(Mode::kRedact);
  cfg->base_.notice = notice.value_or(false);
  if (auto s = readClients(c, cfg->base_.noticeOffClients, "config"); !s) return s;
  if (auto s = readKeyOverrides(c, cfg->base_.keys, "config"); !s) return s;
  auto base = buildScanner(pack, top, nullptr, cacheDir, "config");
  if (!base) return base.status();
  cfg->base_.scanner = std::move(base).value();

  if (auto it = c.find("workspaces"); it != c.end()) {
    if (!it->is_object()) return invalid("config", "workspaces: expected an object keyed by workspace name");
    for (const auto& [name, ws] : it->items()) {
      const std::string where = "config: workspaces." + name;
      if (auto s = checkKeys(ws, kLevelKeys, where); !s) return s;
      Profile p = cfg->base_;
      std::optional<bool> wEnabled, wNotice;
      std::optional<Mode> wMode;
      if (auto s = readBool(ws, "enabled", wEnabled, where); !s) return s;
      if (auto s = readBool(ws, "notice", wNotice, where); !s) return s;
      if (auto s = readMode(ws, wMode, where); !s) return s;
      p.enabled = wEnabled.value_or(p.enabled);
      p.notice = wNotice.value_or(p.notice);
      p.mode = wMode.value_or(p.mode);
      if (auto s = readClients(ws, p.noticeOffClients, where); !s) return s;
      // The workspace's key overrides win over the top level's for the same key.
      if (auto s = readKeyOverrides(ws, p.keys, where); !s) return s;
      Additions add;
      if (auto s = readAdditions(ws, pack, add, where); !s) return s;
      if (add.any()) {
        auto scanner = buildScanner(pack, top, &add, cacheDir, where);
        if (!scanner) return scanner.status();
        p.scanner = std::move(scanner).value();
      }
      cfg->workspaces_.emplace(name, std::move(p));
    }
  }
  return std::shared_ptr<const RedactionConfig>(std::move(cfg));
}

Resolved RedactionConfig::resolve(std::string_view workspace, std::string_view keyId) const noexcept {
  Resolved r;
  r.profile = &base_;
  if (!workspaces_.empty())
    if (auto it = workspaces_.find(workspace); it != workspaces_.end()) r.profile = &it->second;
  r.enabled = r.profile->enabled;
  r.mode = r.profile->mode;
  if (!r.profile->keys.empty() && !keyId.empty()) {
    if (auto it = r.profile->keys.find(keyId); it != r.profile->keys.end()) {
      if (it->second.enabled) r.enabled = *it->second.enabled;
      if (it->second.mode) r.mode = *it->second.mode;
    }
  }
  return r;
}

bool Resolved::noticeFor(std::string_view clientId, std::string_view userAgent) const noexcept {
  if (!profile || !profile->notice) return false;
  for (const auto& c : profile->noticeOffClients) {
    if (clientId.size() == c.size() && containsLower(clientId, c)) return false;
    if (!userAgent.empty() && containsLower(userAgent, c)) return false;
  }
  return true;
}

}  // namespace gateos::plugins::stages::secret_redaction

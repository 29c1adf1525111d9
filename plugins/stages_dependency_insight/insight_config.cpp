#include "insight_config.h"

#include <set>

namespace gateos::plugins::stages::dependency_insight {
namespace {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

Status invalid(const std::string& where, const std::string& what) {
  return Status(StatusCode::kInvalidArgument, where + ": " + what);
}

const std::set<std::string> kProfileKeys = {"enabled",       "notice",       "mode",      "scan_requests",
                                            "scan_answers",  "ecosystems",   "severities"};

Status readBool(const Json& obj, const char* key, bool& out, const std::string& where) {
  auto it = obj.find(key);
  if (it == obj.end()) return {};
  if (!it->is_boolean()) return invalid(where, std::string(key) + ": expected a boolean");
  out = it->get<bool>();
  return {};
}

Status readProfile(const Json& obj, Profile& p, const std::string& where) {
  for (const char* key : {"enabled", "notice", "scan_requests", "scan_answers"}) {
    bool* target = std::string_view(key) == "enabled"         ? &p.enabled
                   : std::string_view(key) == "notice"        ? &p.notice
                   : std::string_view(key) == "scan_requests" ? &p.scanRequests
                                                              : &p.scanAnswers;
    if (auto s = readBool(obj, key, *target, where); !s) return s;
  }
  if (auto it = obj.find("mode"); it != obj.end()) {
    if (*it == "warn") p.mode = Mode::kWarn;
    else if (*it == "block") p.mode = Mode::kBlock;
    else return invalid(where, "mode: expected \"warn\" or \"block\"");
  }
  if (auto it = obj.find("ecosystems"); it != obj.end()) {
    if (!it->is_array()) return invalid(where, "ecosystems: expected an array");
    p.ecosystems.fill(false);
    for (const auto& e : *it) {
      auto parsed = e.is_string() ? parseEcosystem(e.get<std::string>()) : std::nullopt;
      if (!parsed) return invalid(where, "ecosystems: unknown ecosystem " + e.dump());
      p.ecosystems[static_cast<std::size_t>(*parsed)] = true;
    }
  }
  if (auto it = obj.find("severities"); it != obj.end()) {
    if (!it->is_array()) return invalid(where, "severities: expected an array");
    p.severities.fill(false);
    for (const auto& s : *it) {
      RiskKind kind;
      if (!s.is_string() || !parseRiskKind(s.get<std::string>(), kind))
        return invalid(where, "severities: expected malicious, vulnerable, deprecated, archived or replaceable, got " +
                                  s.dump());
      p.severities[static_cast<std::size_t>(kind)] = true;
    }
  }
  return {};
}

Status checkKeys(const Json& obj, const std::set<std::string>& allowed, const std::string& where) {
  if (!obj.is_object()) return invalid(where, "expected an object");
  for (const auto& [k, v] : obj.items())
    if (!allowed.count(k)) return invalid(where, "unknown key '" + k + "'");
  return {};
}

}  // namespace

sdk::Result<std::shared_ptr<const InsightConfig>> InsightConfig::build(const Json& config) {
  const Json empty = Json::object();
  const Json& c = config.is_null() ? empty : config;
  std::set<std::string> topKeys = kProfileKeys;
  topKeys.insert({"workspaces", "refresh_seconds"});
  if (auto s = checkKeys(c, topKeys, "config"); !s) return s;
  auto cfg = std::shared_ptr<InsightConfig>(new InsightConfig());
  if (auto s = readProfile(c, cfg->base_, "config"); !s) return s;
  if (auto it = c.find("refresh_seconds"); it != c.end()) {
    if (!it->is_number_integer() || *it < 0 || *it > 86400)
      return invalid("config", "refresh_seconds: expected an integer from 0 to 86400");
    cfg->refresh_ = std::chrono::seconds(it->get<long long>());
  }
  if (auto it = c.find("workspaces"); it != c.end()) {
    if (!it->is_object()) return invalid("config", "workspaces: expected an object keyed by workspace name");
    for (const auto& [name, ws] : it->items()) {
      const std::string where = "config: workspaces." + name;
      if (auto s = checkKeys(ws, kProfileKeys, where); !s) return s;
      Profile p = cfg->base_;
      if (auto s = readProfile(ws, p, where); !s) return s;
      cfg->workspaces_.emplace(name, p);
    }
  }
  return std::shared_ptr<const InsightConfig>(std::move(cfg));
}

const Profile& InsightConfig::resolve(std::string_view workspace) const {
  if (!workspaces_.empty())
    if (auto it = workspaces_.find(workspace); it != workspaces_.end()) return it->second;
  return base_;
}

std::string InsightConfig::scanningSummary() const {
  std::string differing;
  for (const auto& [name, profile] : workspaces_)
    if (profile.enabled != base_.enabled) differing += (differing.empty() ? "" : ", ") + name;
  if (base_.enabled) return differing.empty() ? "scanning: on" : "scanning: on, except in workspaces " + differing;
  if (!differing.empty()) return "scanning: on in workspaces " + differing + " (off elsewhere)";
  return "scanning: off (turn it on with \"enabled\": true, for every workspace in the plugin's config or for one "
         "with PUT /admin/api/v1/workspaces/<name>/pipeline/stages.dependency_insight {\"settings\":{\"enabled\":true}})";
}

}  // namespace gateos::plugins::stages::dependency_insight

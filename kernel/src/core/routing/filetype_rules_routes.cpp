#include "core/routing/filetype_rules_routes.h"

#include <set>

#include "core/routing/policy_routing.h"

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

AdminReply invalid(std::string message) { return AdminReply::error(Status(StatusCode::kInvalidArgument, std::move(message))); }

Status requirePolicy(const FiletypeRouteDeps& d) {
  if (!d.plugins.snapshot()->find(kFiletypePolicyId))
    return Status(StatusCode::kFailedPrecondition, std::string(kFiletypePolicyId) + " is not installed or not enabled");
  return {};
}

// The workspace's rule settings as stored ({} when it has none).
sdk::Result<Json> storedSettings(const FiletypeRouteDeps& d, const std::string& name) {
  auto found = d.service.get(name);
  if (!found) return found.status();
  auto row = d.policies.getEntry(name, kFiletypePolicyId);
  if (!row) return row.status();
  Json settings = row.value() && row.value()->settings ? *row.value()->settings : Json::object();
  if (!settings.contains("rules")) settings["rules"] = Json::array();
  return settings;
}

sdk::Result<Json> describe(const FiletypeRouteDeps& d, const std::string& name) {
  auto settings = storedSettings(d, name);
  if (!settings) return settings.status();
  Json out = std::move(settings.value());
  out["workspace"] = name;
  if (auto loaded = d.plugins.find(kFiletypePolicyId); loaded && !out.contains("routable_models"))
    out["routable_models"] = loaded->config().value("routable_models", Json::array({"auto"}));
  return out;
}

// Gives every unnamed rule a stable name ("rule-3"), so that reorder and the
// X-GateOS-Route header can refer to it.
void nameRules(Json& settings) {
  if (!settings.contains("rules") || !settings["rules"].is_array()) return;
  std::set<std::string> taken;
  for (const auto& rule : settings["rules"])
    if (rule.is_object() && rule.contains("name") && rule["name"].is_string()) taken.insert(rule["name"].get<std::string>());
  int next = 1;
  for (auto& rule : settings["rules"]) {
    if (!rule.is_object() || rule.contains("name")) continue;
    while (taken.count("rule-" + std::to_string(next))) ++next;
    rule["name"] = "rule-" + std::to_string(next);
    taken.insert(rule["name"].get<std::string>());
  }
}

// Validates and saves the settings in one transaction: the schema and model
// references first, then the plugin's own check (globs) when it is
// reconfigured; any failure leaves the previous rules in place.
AdminReply save(const FiletypeRouteDeps& d, const std::string& name, Json settings) {
  if (auto s = requirePolicy(d); !s) return AdminReply::error(s);
  if (auto found = d.service.get(name); !found) return AdminReply::error(found.status());
  for (const auto& key : {"workspace"}) settings.erase(key);  // echoed by GET; not stored
  nameRules(settings);
  if (settings.contains("rules") && settings["rules"].is_array()) {
    std::set<std::string> names;
    for (std::size_t i = 0; i < settings["rules"].size(); ++i) {
      const Json& rule = settings["rules"][i];
      if (rule.is_object() && rule.contains("name") && rule["name"].is_string() &&
          !names.insert(rule["name"].get<std::string>()).second)
        return invalid("rules[" + std::to_string(i) + "].name: '" + rule["name"].get<std::string>() + "' is used twice");
    }
  }
  Json entry{{"id", kFiletypePolicyId}, {"enabled", true}, {"settings", settings}};
  if (auto s = d.policies.validateEntry(name, entry, "rules"); !s) {
    // "rules.settings.rules[0].model: …" reads better without the wrapper.
    std::string message = s.message();
    for (std::string_view wrapper : {"rules.settings.", "rules.settings: "})
      if (auto at = message.find(wrapper); at != std::string::npos) message.erase(at, wrapper.size());
    return AdminReply::error(Status(s.code(), message).withReason(s.reason()));
  }
  Status saved = d.service.change([&] { return d.policies.putEntry(name, std::string(kFiletypePolicyId), true, settings); });
  if (!saved) return AdminReply::error(saved);
  return AdminReply::from(describe(d, name));
}

// {"path","language","kind","model","text"} → what the policy decides.
sdk::Result<Json> test(const FiletypeRouteDeps& d, const std::string& name, const Json& body) {
  if (!body.is_object()) return Status(StatusCode::kInvalidArgument, "expected a JSON object {\"path\",\"language\",\"kind\",\"model\"}");
  for (const auto& [key, value] : body.items()) {
    if (key != "path" && key != "language" && key != "kind" && key != "model" && key != "text")
      return Status(StatusCode::kInvalidArgument, "unknown key '" + key + "'");
    if (!value.is_string()) return Status(StatusCode::kInvalidArgument, key + ": expected string");
  }
  auto found = d.service.get(name);
  if (!found) return found.status();
  auto loaded = d.plugins.find(kFiletypePolicyId);
  if (!loaded || !loaded->policy())
    return Status(StatusCode::kFailedPrecondition, std::string(kFiletypePolicyId) + " is not installed or not enabled");

  sdk::RequestContext context;
  context.requestId = "admin-test";
  context.workspace = name;
  std::string kind = body.value("kind", "chat");
  if (kind != "chat" && kind != "autocomplete") return Status(StatusCode::kInvalidArgument, "kind: expected \"chat\" or \"autocomplete\"");
  context.client.kind = kind == "autocomplete" ? sdk::RequestKind::kAutocomplete : sdk::RequestKind::kChat;
  if (body.contains("path") || body.contains("language"))
    context.client.files.push_back({body.value("path", ""), body.value("language", ""), true});
  sdk::ChatRequest request;
  std::string model = body.value("model", "auto");
  request.model = model;
  request.messages.push_back({sdk::Role::kUser, {sdk::ContentBlock::makeText(body.value("text", ""))}, "", Json::object()});

  auto catalog = d.catalog();
  std::vector<ActivePolicy> policies{{loaded->id(), loaded->policy(), loaded}};
  auto outcome = routeWithPolicies(policies, context, model, *catalog,
                                   [&]() -> sdk::Result<const sdk::ChatRequest*> { return &request; });
  if (!outcome) return Json{{"routed", false}, {"requested_model", model}, {"error", outcome.status().message()}};
  if (!outcome.value())
    return Json{{"routed", false}, {"requested_model", model}, {"model", model},
                {"reason", "no rule applies: the requested model is not routable in this workspace and no rule overrides it"}};
  const auto& o = *outcome.value();
  return Json{{"routed", true},          {"requested_model", model},           {"model", o.decision.model},
              {"rule", o.decision.rule}, {"explanation", o.decision.explanation}, {"header", o.header}};
}

}  // namespace

void registerFiletypeRuleRoutes(AdminRouter& router, FiletypeRouteDeps deps) {
  router.add("GET", "workspaces/{name}/filetype-rules",
             [deps](const AdminRequest& r) { return AdminReply::from(describe(deps, r.param(0))); });
  // Replaces the rules: {"rules":[…], "default_model"?, "routable_models"?}.
  router.add("PUT", "workspaces/{name}/filetype-rules", [deps](const AdminRequest& r) {
    if (!r.bodyIsObject()) return invalid("expected {\"rules\":[…], \"default_model\": …}");
    return save(deps, r.param(0), r.body);
  });
  // {"order": ["rule name", …]}: every rule once, in the new order.
  router.add("POST", "workspaces/{name}/filetype-rules/reorder", [deps](const AdminRequest& r) {
    if (!r.bodyIsObject() || !r.body.contains("order") || !r.body["order"].is_array())
      return invalid("expected {\"order\": [\"rule name\", …]}");
    auto settings = storedSettings(deps, r.param(0));
    if (!settings) return AdminReply::error(settings.status());
    const Json& rules = settings.value()["rules"];
    const Json& order = r.body["order"];
    if (order.size() != rules.size())
      return invalid("order: name each of the " + std::to_string(rules.size()) + " rules exactly once");
    Json reordered = Json::array();
    std::set<std::string> used;
    for (const auto& n : order) {
      if (!n.is_string()) return invalid("order: expected rule names (strings)");
      const std::string ruleName = n.get<std::string>();
      if (!used.insert(ruleName).second) return invalid("order: '" + ruleName + "' appears twice");
      auto it = std::find_if(rules.begin(), rules.end(), [&](const Json& rule) { return rule.value("name", "") == ruleName; });
      if (it == rules.end()) return invalid("order: no rule named '" + ruleName + "'");
      reordered.push_back(*it);
    }
    Json updated = settings.value();
    updated["rules"] = std::move(reordered);
    return save(deps, r.param(0), std::move(updated));
  });
  router.add("POST", "workspaces/{name}/filetype-rules/test",
             [deps](const AdminRequest& r) { return AdminReply::from(test(deps, r.param(0), r.body)); });
}

}  // namespace gateos::kernel::core

// Configuration, modes and what the user sees: switches per workspace and per
// key, block mode, alerts, metrics, notices, custom patterns and allowlist.
#include <gtest/gtest.h>

#include "test_support.h"

namespace gateos::plugins::stages::secret_redaction::testing {
namespace {

const std::string kAws = "AKIAQ3EGRTY5VZX7MW2P";
const std::string kStripe = "sk_live_4eC39HqLyjWDarjtT1zdp7dcXa9Bq2";

TEST(SecretConfigTest, RejectsUnknownKeysAndBadValues) {
  for (const Json& bad : {Json{{"enabled", true}, {"bogus", 1}}, Json{{"mode", "shout"}},
                          Json{{"workspaces", {{"w", {{"ttl_seconds", 5}}}}}}, Json{{"keys", {{"k", {{"notice", true}}}}}},
                          Json{{"custom_patterns", Json::array({{{"id", "x"}, {"regex", "(a"}}})}},
                          Json{{"allowlist", Json::array({{{"regex", "x"}}})}}, Json{{"always_redact", Json::array({"ab"})}},
                          Json{{"disabled_detectors", Json::array({"no_such_detector"})}}, Json{{"ttl_seconds", 0}}}) {
    Harness h(bad);
    EXPECT_FALSE(h.status) << bad.dump();
    EXPECT_EQ(h.status.message().rfind("configure stages.secret_redaction: ", 0), 0u) << h.status.message();
  }
}

TEST(SecretConfigTest, AcceptsTheDocumentedDefaults) {
  Harness h(Json{{"enabled", true}, {"mode", "redact"}, {"notice", false}, {"ttl_seconds", 3600},
                 {"custom_patterns", Json::array()}, {"always_redact", Json::array()}, {"allowlist", Json::array()},
                 {"workspaces", Json::object()}, {"keys", Json::object()}});
  EXPECT_TRUE(h.status) << h.status.message();
}

TEST(SecretConfigTest, ManifestSchemaIsClosedAndHasDefaults) {
  auto manifest = Json::parse(readFile(patternPackFile().parent_path().parent_path() / "plugin.json"));
  const auto& schema = manifest["config_schema"];
  EXPECT_EQ(schema["additionalProperties"], false);
  for (const char* k : {"enabled", "mode", "notice", "ttl_seconds", "custom_patterns", "always_redact", "allowlist",
                        "workspaces", "keys"})
    EXPECT_TRUE(schema["properties"][k].contains("default")) << k;
  EXPECT_EQ(schema["properties"]["workspaces"]["additionalProperties"]["additionalProperties"], false);
  EXPECT_EQ(manifest["id"], "stages.secret_redaction");
  // The defaults validate against our own parser.
  Harness h(manifest["default_config"]);
  EXPECT_TRUE(h.status) << h.status.message();
}

TEST(SecretConfigTest, SwitchesOffPerWorkspaceAndPerKey) {
  Harness h(Json{{"workspaces", {{"lab", {{"enabled", false}}}, {"strict", {{"mode", "block"}}}}},
                 {"keys", {{"ci-key", {{"enabled", false}}}, {"lab-key", {{"enabled", true}}}}}});
  ASSERT_TRUE(h.status) << h.status.message();
  const std::string raw = R"({"messages":[{"role":"user","content":"key )" + kAws + R"("}]})";
  EXPECT_TRUE(h.plugin.wantsRequest(h.context("default", "key-1"), raw));
  EXPECT_FALSE(h.plugin.wantsRequest(h.context("lab", "key-1"), raw));
  EXPECT_FALSE(h.plugin.wantsRequest(h.context("default", "ci-key"), raw));
  EXPECT_TRUE(h.plugin.wantsRequest(h.context("lab", "lab-key"), raw));  // the key switches it back on

  auto lab = h.context("lab", "key-1");
  ChatRequest r = userRequest("key " + kAws);
  ASSERT_TRUE(h.plugin.onRequest(lab, r));
  EXPECT_NE(allText(r).find(kAws), std::string::npos);

  auto strict = h.context("strict", "key-1");
  ChatRequest r2 = userRequest("key " + kAws);
  EXPECT_FALSE(h.plugin.onRequest(strict, r2));
}

TEST(SecretConfigTest, TurnedOffEntirelyItNeitherWantsNorChanges) {
  Harness h(Json{{"enabled", false}});
  auto ctx = h.context();
  EXPECT_FALSE(h.plugin.wantsRequest(ctx, "AKIAQ3EGRTY5VZX7MW2P"));
  ChatRequest r = userRequest("key " + kAws);
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  EXPECT_EQ(r.messages.size(), 1u);
}

TEST(SecretBlockModeTest, RefusesWithKindAndLocationButNeverTheValue) {
  Harness h(Json{{"mode", "block"}});
  ChatRequest r = userRequest("hi");
  r.messages.push_back(textMessage(Role::kAssistant, "hello"));
  r.messages.push_back(textMessage(Role::kUser, "my key is " + kAws));
  auto ctx = h.context();
  auto status = h.plugin.onRequest(ctx, r);
  ASSERT_FALSE(status);
  EXPECT_EQ(status.code(), sdk::StatusCode::kPermissionDenied);
  EXPECT_EQ(status.message(), "request blocked: 1 secret (aws_access_key) found in messages[2].content");
  EXPECT_EQ(status.reason(), "secret_detected");
  EXPECT_EQ(h.host.recordingMetrics.value("requests_blocked_total"), 1);
  auto alerts = h.host.fake.alertSink.alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind, "secret_blocked");
  EXPECT_EQ(alerts[0].detail.dump().find(kAws), std::string::npos);
}

TEST(SecretBlockModeTest, NamesEveryKindAndPlace) {
  Harness h(Json{{"mode", "block"}});
  ChatRequest r = userRequest("a " + kAws + " b " + kStripe);
  r.messages.push_back(toolCallMessage("c", Json{{"t", kStripe}}.dump()));
  auto ctx = h.context();
  auto status = h.plugin.onRequest(ctx, r);
  EXPECT_EQ(status.message(),
            "request blocked: 3 secrets (aws_access_key, stripe_key) found in messages[0].content, "
            "messages[1].content[0].arguments");
}

TEST(SecretAlertTest, OneAlertPerRequestWithDetectorKindPlaceAndShortHashOnly) {
  Harness h;
  ChatRequest r = userRequest("aws " + kAws);
  r.messages.push_back(toolResultMessage("c1", "STRIPE_KEY=" + kStripe));
  auto ctx = h.context();
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  auto alerts = h.host.fake.alertSink.alerts();
  ASSERT_EQ(alerts.size(), 1u);
  const auto& a = alerts[0];
  EXPECT_EQ(a.kind, "secret_redacted");
  EXPECT_EQ(a.requestId, "req-1");
  EXPECT_EQ(a.workspace, "default");
  const auto& f = a.detail["findings"];
  ASSERT_EQ(f.size(), 2u);
  EXPECT_EQ(f[0]["detector"], "aws_access_key_id");
  EXPECT_EQ(f[0]["kind"], "aws_access_key");
  EXPECT_EQ(f[0]["message"], 0);
  EXPECT_EQ(f[0]["offset"], 4);
  EXPECT_EQ(f[0]["hash"].get<std::string>().size(), 8u);
  EXPECT_EQ(f[1]["location"], "messages[1].content");
  const std::string everything = a.message + a.detail.dump();
  for (const auto& s : {kAws, kStripe, kAws.substr(4), kStripe.substr(8)})
    EXPECT_EQ(everything.find(s), std::string::npos) << s;
  EXPECT_FALSE(h.host.fake.logs.contains(kAws));
  EXPECT_FALSE(h.host.fake.logs.contains(kStripe));
  EXPECT_EQ(h.host.recordingMetrics.value("secrets_redacted_total{kind=aws_access_key}"), 1);
  EXPECT_EQ(h.host.recordingMetrics.value("secrets_redacted_total{kind=stripe_key}"), 1);
}

TEST(SecretNoticeTest, AddsANoticeOnlyWhenConfigured) {
  Harness off;
  auto ctx = off.context();
  ChatRequest r = userRequest(kAws + " " + kStripe);
  ASSERT_TRUE(off.plugin.onRequest(ctx, r));
  EXPECT_TRUE(ctx.notices.empty());

  Harness on(Json{{"notice", true}});
  auto ctx2 = on.context();
  ChatRequest r2 = userRequest(kAws + " " + kStripe);
  ASSERT_TRUE(on.plugin.onRequest(ctx2, r2));
  ASSERT_EQ(ctx2.notices.size(), 1u);
  EXPECT_EQ(ctx2.notices[0].text, "GateOS kept 2 secrets from reaching the model");
  EXPECT_EQ(ctx2.notices[0].source, "stages.secret_redaction");
}

TEST(SecretNoticeTest, OffForClientsListedByIdOrUserAgentAlsoPerWorkspace) {
  Harness h(Json{{"notice", true},
                 {"notice_off_clients", Json::array({"codex", "JetBrains"})},
                 {"workspaces", {{"quiet", {{"notice_off_clients", Json::array({"curl/"})}}}}}});
  ASSERT_TRUE(h.status) << h.status.message();
  auto noticesFor = [&](const std::string& workspace, const std::string& clientId, const std::string& userAgent) {
    sdk::Headers headers;
    if (!userAgent.empty()) headers.add("User-Agent", userAgent);
    auto ctx = h.context(workspace);
    ctx.headers = &headers;
    ctx.client.id = clientId;
    ChatRequest r = userRequest("key " + kAws);
    EXPECT_TRUE(h.plugin.onRequest(ctx, r));
    EXPECT_EQ(allText(r).find(kAws), std::string::npos) << "redacted whatever the notice setting";
    return ctx.notices.size();
  };
  EXPECT_EQ(noticesFor("default", "", "curl/8.5.0"), 1u);
  EXPECT_EQ(noticesFor("default", "codex", ""), 0u);                      // by client id
  EXPECT_EQ(noticesFor("default", "codex-cli", ""), 1u);                  // ids match whole
  EXPECT_EQ(noticesFor("default", "", "Mozilla/5.0 jetbrains-ai/2.1"), 0u);  // User-Agent, any case
  EXPECT_EQ(noticesFor("quiet", "", "curl/8.5.0"), 0u);                   // the workspace adds to the list
  EXPECT_EQ(noticesFor("quiet", "codex", ""), 0u);                        // ... and keeps the top level's
  EXPECT_EQ(noticesFor("quiet", "", "python-httpx/0.27"), 1u);

  for (const Json& bad : {Json{{"notice_off_clients", "codex"}}, Json{{"notice_off_clients", Json::array({""})}},
                          Json{{"workspaces", {{"w", {{"notice_off_clients", Json::array({1})}}}}}}}) {
    Harness b(bad);
    EXPECT_FALSE(b.status) << bad.dump();
  }
}

TEST(SecretConfigTest, KeyOverridesPerWorkspaceRefineTheTopLevelOnes) {
  Json teamSettings;
  teamSettings["keys"]["k-off"]["enabled"] = false;
  teamSettings["keys"]["k-block"]["enabled"] = true;
  Json config;
  config["keys"]["k-block"]["mode"] = "block";
  config["workspaces"]["team"] = teamSettings;
  Harness h(config);
  ASSERT_TRUE(h.status) << h.status.message();
  const std::string raw = R"({"messages":[{"role":"user","content":"key )" + kAws + R"("}]})";
  EXPECT_FALSE(h.plugin.wantsRequest(h.context("team", "k-off"), raw));
  EXPECT_TRUE(h.plugin.wantsRequest(h.context("default", "k-off"), raw));  // only in that workspace
  auto team = h.context("team", "k-block");
  ChatRequest r = userRequest("key " + kAws);
  EXPECT_EQ(h.plugin.onRequest(team, r).code(), sdk::StatusCode::kPermissionDenied);  // top-level mode kept
  Json bad;
  bad["workspaces"]["w"]["keys"]["k"]["notice"] = true;
  EXPECT_FALSE(Harness(bad).status);
}

TEST(SecretSystemPromptTest, TellsTheModelAboutPlaceholdersOnlyWhenSomethingWasRedacted) {
  Harness h;
  auto ctx = h.context();
  ChatRequest clean = userRequest("hello");
  ASSERT_TRUE(h.plugin.onRequest(ctx, clean));
  EXPECT_EQ(clean.messages.size(), 1u);

  ChatRequest r = userRequest("key " + kAws);
  r.messages.insert(r.messages.begin(), textMessage(Role::kSystem, "Be brief."));
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  ASSERT_EQ(r.messages.size(), 2u);
  EXPECT_EQ(r.messages[0].content[0].text.rfind("Be brief.\n\nSome values in this conversation", 0), 0u);

  ChatRequest noSystem = userRequest("key " + kAws);
  ASSERT_TRUE(h.plugin.onRequest(ctx, noSystem));
  ASSERT_EQ(noSystem.messages.size(), 2u);
  EXPECT_EQ(noSystem.messages[0].role, Role::kSystem);
  EXPECT_NE(noSystem.messages[0].content[0].text.find("[[GATEOS:kind:id]]"), std::string::npos);
}

TEST(SecretUserRulesTest, CustomPatternsAlwaysRedactAndAllowlistPerWorkspace) {
  Harness h(Json{
      {"custom_patterns", Json::array({{{"id", "acme_token"}, {"kind", "acme_token"}, {"regex", "\\b(acme_[a-z0-9]{16})\\b"}, {"group", 1}}})},
      {"always_redact", Json::array({"hunter2-internal-codename"})},
      {"allowlist", Json::array({kAws, {{"pattern", "sk_live_4eC39.*"}}})},
      {"workspaces", {{"team", {{"always_redact", Json::array({"project-bluebird"})}, {"allowlist", Json::array({"acme_0000000000000000"})}}}}}});
  ASSERT_TRUE(h.status) << h.status.message();
  const std::string text = "acme_a1b2c3d4e5f6a7b8 and acme_0000000000000000, codename hunter2-internal-codename, "
                           "project-bluebird, " + kAws + " " + kStripe;
  auto ctx = h.context();
  ChatRequest r = userRequest(text);
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  std::string out = r.messages.back().content[0].text;
  EXPECT_EQ(out.find("acme_a1b2c3d4e5f6a7b8"), std::string::npos) << out;
  EXPECT_EQ(out.find("acme_0000000000000000"), std::string::npos) << out;  // allowlisted only in "team"
  EXPECT_EQ(out.find("hunter2-internal-codename"), std::string::npos) << out;
  EXPECT_NE(out.find("project-bluebird"), std::string::npos) << out;        // always_redact only in "team"
  EXPECT_NE(out.find(kAws), std::string::npos) << out;                      // allowlisted value
  EXPECT_NE(out.find(kStripe), std::string::npos) << out;                   // allowlisted pattern
  EXPECT_NE(out.find("[[GATEOS:acme_token:"), std::string::npos) << out;
  EXPECT_NE(out.find("[[GATEOS:custom_secret:"), std::string::npos) << out;

  auto team = h.context("team");
  ChatRequest r2 = userRequest(text);
  ASSERT_TRUE(h.plugin.onRequest(team, r2));
  out = r2.messages.back().content[0].text;
  EXPECT_NE(out.find("acme_0000000000000000"), std::string::npos) << out;
  EXPECT_EQ(out.find("project-bluebird"), std::string::npos) << out;
  EXPECT_EQ(out.find("hunter2-internal-codename"), std::string::npos) << out;
}

TEST(SecretUserRulesTest, DisabledDetectorsAreSkipped) {
  Harness h(Json{{"disabled_detectors", Json::array({"aws_access_key_id"})}});
  ASSERT_TRUE(h.status) << h.status.message();
  auto ctx = h.context();
  ChatRequest r = userRequest("id " + kAws);
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  EXPECT_NE(allText(r).find(kAws), std::string::npos);
}

}  // namespace
}  // namespace gateos::plugins::stages::secret_redaction::testing

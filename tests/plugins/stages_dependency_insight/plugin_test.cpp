// The stage through its SDK interface, with the FakeHost.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "gateos/sdk/testing/fake_host.h"
#include "insight_plugin.h"
#include "test_support.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

using sdk::ChatRequest;
using sdk::ContentBlock;
using sdk::Json;
using sdk::Message;
using sdk::Role;
using sdk::StreamEvent;

class CollectingSink final : public sdk::EventSink {
 public:
  void emit(const StreamEvent& event) noexcept override {
    types.push_back(event.type);
    text += std::string(event.text);
  }
  std::vector<StreamEvent::Type> types;
  std::string text;
};

ChatRequest requestWith(std::vector<std::pair<Role, std::string>> messages) {
  ChatRequest r;
  r.model = "mock/echo";
  for (auto& [role, text] : messages) {
    Message m;
    m.role = role;
    m.content.push_back(ContentBlock::makeText(text));
    r.messages.push_back(std::move(m));
  }
  return r;
}

class InsightPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(host_.assetDirectory());
    testing::storeFrom(testing::kFixtureData, host_.assetDirectory() / "risk.store");
  }
  // Scanning is off by default; these tests turn it on unless they say otherwise.
  void configure(Json config = Json::object()) {
    if (!config.contains("enabled")) config["enabled"] = true;
    auto s = plugin_.configure(config, host_);
    ASSERT_TRUE(s) << s.message();
  }
  sdk::RequestContext context(std::string workspace = "default") {
    sdk::RequestContext c;
    c.requestId = "req-1";
    c.workspace = std::move(workspace);
    return c;
  }
  // Streams `chunks` as text deltas through a fresh response stage.
  std::string stream(sdk::RequestContext& ctx, const std::vector<std::string>& chunks, CollectingSink& sink) {
    auto s = plugin_.openResponse(ctx);
    EXPECT_NE(s, nullptr);
    if (!s) return {};
    StreamEvent start;
    start.type = StreamEvent::Type::kStart;
    s->onEvent(start, sink);
    for (const auto& c : chunks) {
      StreamEvent e;
      e.type = StreamEvent::Type::kTextDelta;
      e.text = c;
      s->onEvent(e, sink);
    }
    s->onEnd(sink);
    return sink.text;
  }

  sdk::testing::FakeHost host_;
  DependencyInsightPlugin plugin_;
};

TEST_F(InsightPluginTest, ScanningIsOffUntilEnabledSoRequestsKeepTheFastPath) {
  ASSERT_TRUE(plugin_.configure(Json::object(), host_));
  EXPECT_FALSE(plugin_.wantsRequest(context(), R"({"messages":[{"role":"user","content":"pip install evil-requests"}]})"));
  auto ctx = context();
  auto req = requestWith({{Role::kUser, "pip install evil-requests"}});
  EXPECT_TRUE(plugin_.onRequest(ctx, req));
  EXPECT_TRUE(ctx.notices.empty());
  EXPECT_EQ(plugin_.openResponse(ctx), nullptr);
}

TEST_F(InsightPluginTest, RequestNamingAMaliciousPackageGetsANoticeBeforeTheAnswerAndAnAlert) {
  configure();
  auto ctx = context();
  auto req = requestWith({{Role::kUser, "Why does `pip install evil-requests` fail on my machine?"}});
  ASSERT_TRUE(plugin_.onRequest(ctx, req));
  ASSERT_EQ(ctx.notices.size(), 1u);
  EXPECT_TRUE(ctx.notices[0].beforeAnswer);
  EXPECT_EQ(ctx.notices[0].source, "stages.dependency_insight");
  EXPECT_NE(ctx.notices[0].text.find("PyPI package `evil-requests` is malicious"), std::string::npos) << ctx.notices[0].text;
  auto alerts = host_.alertSink.alerts();
  ASSERT_EQ(alerts.size(), 1u);
  EXPECT_EQ(alerts[0].kind, "malicious_package");
  EXPECT_EQ(alerts[0].severity, sdk::AlertSeverity::kCritical);
  EXPECT_EQ(alerts[0].requestId, "req-1");
  EXPECT_EQ(alerts[0].detail["findings"][0]["package"], "evil-requests");
}

TEST_F(InsightPluginTest, VulnerablePinnedVersionNamesTheAdvisoryAndTheFix) {
  configure();
  auto ctx = context();
  auto req = requestWith({{Role::kUser, "requirements.txt:\n```\nrequests==2.19.0\nflask\n```\nplease review"}});
  ASSERT_TRUE(plugin_.onRequest(ctx, req));
  ASSERT_EQ(ctx.notices.size(), 1u);
  const auto& text = ctx.notices[0].text;
  EXPECT_NE(text.find("PyPI package `requests` 2.19.0 has a known vulnerability: PYSEC-2018-28"), std::string::npos) << text;
  EXPECT_NE(text.find("fixed in 2.20.0"), std::string::npos);
  EXPECT_NE(text.find("https://osv.dev/vulnerability/PYSEC-2018-28"), std::string::npos);
  ASSERT_EQ(host_.alertSink.alerts().size(), 1u);
  EXPECT_EQ(host_.alertSink.alerts()[0].kind, "vulnerable_package");
}

TEST_F(InsightPluginTest, CleanCodeGetsNoNoticeAndNoAlert) {
  configure();
  auto ctx = context();
  auto req = requestWith({{Role::kUser, "```python\nimport os\nimport requests\nfrom flask import Flask\n```\n"
                                        "pip install numpy==1.26.0"}});
  ASSERT_TRUE(plugin_.onRequest(ctx, req));
  EXPECT_TRUE(ctx.notices.empty());
  EXPECT_TRUE(host_.alertSink.alerts().empty());
  CollectingSink sink;
  stream(ctx, {"Use `import requests` and ", "`pip install flask==3.0.0`."}, sink);
  EXPECT_TRUE(ctx.notices.empty());
}

TEST_F(InsightPluginTest, OnlyTheNewTurnIsScanned) {
  configure();
  auto ctx = context();
  auto req = requestWith({{Role::kUser, "pip install evil-requests"},
                          {Role::kAssistant, "Do not install that."},
                          {Role::kUser, "ok, what else?"}});
  ASSERT_TRUE(plugin_.onRequest(ctx, req));
  EXPECT_TRUE(ctx.notices.empty());
}

TEST_F(InsightPluginTest, CompromisedReleasesAreWordedAsThoseReleasesOnly) {
  configure();
  auto ctx = context();
  auto req = requestWith({{Role::kUser, "import { Connection } from '@solana/web3.js';"}});
  ASSERT_TRUE(plugin_.onRequest(ctx, req));
  ASSERT_EQ(ctx.notices.size(), 1u);
  EXPECT_NE(ctx.notices[0].text.find("release 1.95.7 was published with malicious code"), std::string::npos)
      << ctx.notices[0].text;
  EXPECT_EQ(ctx.notices[0].text.find("is malicious"), std::string::npos);
  EXPECT_TRUE(host_.alertSink.alerts().empty()) << "no alert: the package itself is legitimate";
}

TEST_F(InsightPluginTest, ReplacementsAreAdviceNotDeprecation) {
  configure();
  auto ctx = context();
  auto req = requestWith({{Role::kUser, "npm install moment"}});
  ASSERT_TRUE(plugin_.onRequest(ctx, req));
  ASSERT_EQ(ctx.notices.size(), 1u);
  EXPECT_NE(ctx.notices[0].text.find("npm package `moment`: consider dayjs | date-fns instead"), std::string::npos)
      << ctx.notices[0].text;
  EXPECT_EQ(ctx.notices[0].text.find("deprecated"), std::string::npos);
}

TEST_F(InsightPluginTest, BlockModeRefusesMaliciousPackagesInRequests) {
  configure({{"mode", "block"}});
  auto ctx = context();
  auto req = requestWith({{Role::kUser, "npx crossenv"}});
  auto s = plugin_.onRequest(ctx, req);
  ASSERT_FALSE(s);
  EXPECT_EQ(s.code(), sdk::StatusCode::kPermissionDenied);
  EXPECT_EQ(s.reason(), "malicious_package");
  EXPECT_NE(s.message().find("npm crossenv"), std::string::npos) << s.message();
  ASSERT_EQ(host_.alertSink.alerts().size(), 1u);
  EXPECT_EQ(host_.alertSink.alerts()[0].kind, "malicious_package_blocked");
  // Advice-only findings are never blocked.
  auto ctx2 = context();
  auto advice = requestWith({{Role::kUser, "npm install moment @solana/web3.js"}});
  EXPECT_TRUE(plugin_.onRequest(ctx2, advice));
}

TEST_F(InsightPluginTest, WorkspaceProfilesChooseEcosystemsSeveritiesAndNotice) {
  configure({{"workspaces",
              {{"quiet", {{"notice", false}}},
               {"npm-only", {{"ecosystems", {"npm"}}}},
               {"malicious-only", {{"severities", {"malicious"}}}},
               {"off", {{"enabled", false}}}}}});
  auto text = "pip install evil-requests requests==2.19.0 && npm i crossenv";
  auto count = [&](const char* ws) {
    auto ctx = context(ws);
    auto req = requestWith({{Role::kUser, text}});
    EXPECT_TRUE(plugin_.onRequest(ctx, req));
    if (ctx.notices.empty()) return std::string("none");
    std::string lines;
    std::istringstream in(ctx.notices[0].text);
    for (std::string line; std::getline(in, line);)
      if (line.rfind("> - ", 0) == 0) lines += line + ";";
    return lines;
  };
  const auto all = count("default");
  EXPECT_NE(all.find("PyPI package `evil"), std::string::npos) << all;
  EXPECT_EQ(count("quiet"), "none");
  EXPECT_EQ(count("npm-only").find("PyPI"), std::string::npos);
  EXPECT_NE(count("npm-only").find("npm"), std::string::npos);
  EXPECT_EQ(count("malicious-only").find("`requests`"), std::string::npos);
  EXPECT_NE(all.find("`requests` 2.19.0"), std::string::npos);
  EXPECT_EQ(count("off"), "none");
  EXPECT_FALSE(plugin_.wantsRequest(context("off"), "{\"x\":\"pip install evil-requests\"}"));
  EXPECT_TRUE(plugin_.wantsRequest(context("quiet"), "{}"));  // answers are scanned
}

TEST_F(InsightPluginTest, AWorkspaceCanTurnScanningOnWhileTheTopLevelIsOff) {
  // What PUT /workspaces/<name>/pipeline/stages.dependency_insight {"settings":{"enabled":true}} delivers.
  ASSERT_TRUE(plugin_.configure({{"workspaces", {{"team", {{"enabled", true}}}}}}, host_));
  auto team = context("team");
  auto req = requestWith({{Role::kUser, "pip install evil-requests"}});
  EXPECT_TRUE(plugin_.wantsRequest(team, "{}"));
  EXPECT_TRUE(plugin_.onRequest(team, req));
  ASSERT_EQ(team.notices.size(), 1u);
  EXPECT_NE(plugin_.openResponse(team), nullptr);
  auto other = context("default");
  EXPECT_FALSE(plugin_.wantsRequest(other, R"({"x":"pip install evil-requests"})"));
  EXPECT_TRUE(plugin_.onRequest(other, req));
  EXPECT_TRUE(other.notices.empty());
}

TEST(InsightConfigTest, ScanningSummaryTellsOperatorsWhereScanningIsOn) {
  auto summary = [](const Json& config) { return InsightConfig::build(config).value()->scanningSummary(); };
  EXPECT_EQ(summary(Json::object()).rfind("scanning: off (turn it on", 0), 0u) << summary(Json::object());
  EXPECT_EQ(summary({{"enabled", true}}), "scanning: on");
  EXPECT_EQ(summary({{"enabled", true}, {"workspaces", {{"b", {{"enabled", false}}}, {"a", {{"notice", false}}}}}}),
            "scanning: on, except in workspaces b");
  EXPECT_EQ(summary({{"workspaces", {{"b", {{"enabled", true}}}, {"a", {{"enabled", true}}}}}}),
            "scanning: on in workspaces a, b (off elsewhere)");
}

TEST_F(InsightPluginTest, WithoutAnswerScanningCleanBodiesStayOnTheFastPath) {
  configure({{"scan_answers", false}});
  EXPECT_FALSE(plugin_.wantsRequest(context(), R"({"messages":[{"role":"user","content":"hello there"}]})"));
  EXPECT_TRUE(plugin_.wantsRequest(context(), R"({"messages":[{"role":"user","content":"pip install x"}]})"));
  auto ctx = context();
  EXPECT_EQ(plugin_.openResponse(ctx), nullptr);
}

TEST_F(InsightPluginTest, StreamedAnswerRecommendingAMaliciousPackageAtEverySplit) {
  configure();
  const std::string answer = "Sure! Run:\n\n```bash\npip install evil-requests\n```\nThen import it.";
  for (std::size_t split = 1; split < answer.size(); ++split) {
    auto ctx = context();
    CollectingSink sink;
    const auto out = stream(ctx, {answer.substr(0, split), answer.substr(split)}, sink);
    // Every byte is passed on unchanged, at once.
    ASSERT_EQ(out, answer) << split;
    ASSERT_EQ(ctx.notices.size(), 1u) << "split at " << split;
    EXPECT_FALSE(ctx.notices[0].beforeAnswer);
    EXPECT_NE(ctx.notices[0].text.find("packages named in this answer"), std::string::npos);
    EXPECT_NE(ctx.notices[0].text.find("`evil-requests` is malicious"), std::string::npos);
  }
  EXPECT_EQ(host_.alertSink.alerts().size(), answer.size() - 1);
  EXPECT_EQ(host_.alertSink.alerts()[0].detail["where"], "answer");
}

TEST_F(InsightPluginTest, TheAnswerNoticeExistsBeforeFinishIsPassedOn) {
  configure();
  auto ctx = context();
  auto s = plugin_.openResponse(ctx);
  struct FinishSink final : sdk::EventSink {
    explicit FinishSink(sdk::RequestContext& c) : ctx(c) {}
    void emit(const StreamEvent& event) noexcept override {
      if (event.type == StreamEvent::Type::kFinish) noticesAtFinish = ctx.notices.size();
    }
    sdk::RequestContext& ctx;
    std::size_t noticesAtFinish = 99;
  } sink(ctx);
  StreamEvent text;
  text.type = StreamEvent::Type::kTextDelta;
  text.text = "run pip install evil-requests";  // no newline: the tail is scanned at the end
  s->onEvent(text, sink);
  StreamEvent finish;
  finish.type = StreamEvent::Type::kFinish;
  s->onEvent(finish, sink);
  EXPECT_EQ(sink.noticesAtFinish, 1u);
  s->onEnd(sink);
  EXPECT_EQ(ctx.notices.size(), 1u) << "onEnd after kFinish adds nothing";
}

TEST_F(InsightPluginTest, EventsPassThroughBeforeTheScanSeesThem) {
  configure();
  auto ctx = context();
  auto s = plugin_.openResponse(ctx);
  ASSERT_NE(s, nullptr);
  CollectingSink sink;
  StreamEvent e;
  e.type = StreamEvent::Type::kTextDelta;
  e.text = "pip install evil-req";  // unfinished line: nothing held back
  s->onEvent(e, sink);
  EXPECT_EQ(sink.text, "pip install evil-req");
}

TEST_F(InsightPluginTest, PackagesReportedForTheRequestAreNotRepeatedAfterTheAnswer) {
  configure();
  auto ctx = context();
  auto req = requestWith({{Role::kUser, "is `npm i crossenv` safe?"}});
  ASSERT_TRUE(plugin_.onRequest(ctx, req));
  ASSERT_EQ(ctx.notices.size(), 1u);
  CollectingSink sink;
  stream(ctx, {"No: `npm i crossenv` is malicious; also avoid `pip install evil-requests`.\n"}, sink);
  ASSERT_EQ(ctx.notices.size(), 2u);
  EXPECT_EQ(ctx.notices[1].text.find("crossenv"), std::string::npos) << ctx.notices[1].text;
  EXPECT_NE(ctx.notices[1].text.find("evil-requests"), std::string::npos);
}

TEST_F(InsightPluginTest, ToolCallArgumentsAreScanned) {
  configure();
  auto ctx = context();
  auto s = plugin_.openResponse(ctx);
  CollectingSink sink;
  StreamEvent start;
  start.type = StreamEvent::Type::kToolCallStart;
  start.id = "call_1";
  start.name = "bash";
  s->onEvent(start, sink);
  for (std::string piece : {"{\"command\":\"npm ins", "tall left-padd\"}"}) {
    StreamEvent d;
    d.type = StreamEvent::Type::kToolCallDelta;
    d.text = piece;
    s->onEvent(d, sink);
  }
  s->onEnd(sink);
  ASSERT_EQ(ctx.notices.size(), 1u);
  EXPECT_NE(ctx.notices[0].text.find("`left-padd` is malicious"), std::string::npos) << ctx.notices[0].text;
}

TEST_F(InsightPluginTest, ConfigRejectsUnknownKeysAndBadValues) {
  EXPECT_FALSE(plugin_.configure({{"colour", "red"}}, host_));
  EXPECT_FALSE(plugin_.configure({{"mode", "explode"}}, host_));
  EXPECT_FALSE(plugin_.configure({{"ecosystems", {"cpan"}}}, host_));
  EXPECT_FALSE(plugin_.configure({{"workspaces", {{"a", {{"refresh_seconds", 3}}}}}}, host_));
  EXPECT_TRUE(plugin_.configure({{"ecosystems", {"pypi", "crates.io"}}, {"severities", {"malicious"}}}, host_));
}

TEST_F(InsightPluginTest, ImportCommandBuildsTheImportedStoreAndRefreshPicksItUp) {
  configure();
  auto advisory = host_.dataDirectory() / "in" / "GHSA-1.json";
  std::filesystem::create_directories(advisory.parent_path());
  std::ofstream(advisory) << R"({"id":"GHSA-1","modified":"2024-01-01T00:00:00Z","summary":"bad thing",
    "affected":[{"package":{"ecosystem":"npm","name":"express"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"4.17.3"}]}]}]})";
  std::ostringstream out, err;
  ASSERT_EQ(plugin_.runCommand("insight", {"import", advisory.parent_path().string()}, out, err), 0) << err.str();
  EXPECT_NE(out.str().find("imported 1 records from 1 documents"), std::string::npos) << out.str();
  EXPECT_TRUE(std::filesystem::exists(plugin_.importedStorePath()));
  EXPECT_TRUE(plugin_.refresh());
  std::vector<Finding> findings;
  plugin_.data()->check({Ecosystem::kNpm, "express", "4.17.1", MentionSource::kManifest}, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].id, "GHSA-1");
  // The starter data is still consulted next to the imported store.
  findings.clear();
  plugin_.data()->check({Ecosystem::kNpm, "crossenv", "", MentionSource::kInstall}, findings);
  EXPECT_EQ(findings.size(), 1u);

  std::ostringstream out2, err2;
  EXPECT_EQ(plugin_.runCommand("insight", {"check", "npm", "express", "4.17.1"}, out2, err2), 0);
  EXPECT_NE(out2.str().find("GHSA-1"), std::string::npos) << out2.str();
  std::ostringstream out3, err3;
  EXPECT_EQ(plugin_.runCommand("insight", {"import", "/nonexistent/path"}, out3, err3), 1);
  EXPECT_NE(err3.str().find("nothing was changed"), std::string::npos) << err3.str();
  EXPECT_EQ(plugin_.runCommand("insight", {"frobnicate"}, out3, err3), 2);
}

}  // namespace
}  // namespace gateos::plugins::stages::dependency_insight

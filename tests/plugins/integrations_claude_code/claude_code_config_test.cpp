#include <gtest/gtest.h>

#include "../integrations_common/round_trip.h"
#include "claude_code_integration.h"
#include "gateos/sdk/json.h"

namespace gateos::plugins::integrations::claude_code {
namespace {

using gateos::testing::connectEditDisconnect;
using gateos::testing::connectOptions;
using gateos::testing::TempHome;

const std::string kUserSettings = R"JSON({
    "permissions": {
        "allow": ["Bash(npm test:*)"]
    },
    "env": {
        "ANTHROPIC_BASE_URL": "https://proxy.example.invalid",
        "MAX_THINKING_TOKENS": "2048"
    },
    "theme": "dark"
}
)JSON";

std::string userTheme(std::string text) {
  auto at = text.find("\"dark\"");
  return at == std::string::npos ? text : text.replace(at, 6, "\"light\"");
}

TEST(ClaudeCodeIntegrationTest, WritesEnvIntoANewSettingsFile) {
  TempHome home;
  ClaudeCodeIntegration claude;
  auto rt = connectEditDisconnect(claude, connectOptions(home.path()), std::nullopt, [](std::string t) { return t; });
  auto doc = sdk::Json::parse(rt.connected);
  EXPECT_EQ(doc["env"]["ANTHROPIC_BASE_URL"], "http://127.0.0.1:18080");
  EXPECT_EQ(doc["env"]["ANTHROPIC_AUTH_TOKEN"], "gsk_testkey");
  EXPECT_EQ(doc["env"]["ANTHROPIC_MODEL"], "mock/echo");
  EXPECT_FALSE(rt.restored.has_value()) << "a file connect created is removed again";
}

TEST(ClaudeCodeIntegrationTest, RestoresUserSettingsByteForByteAfterUnrelatedEdits) {
  TempHome home;
  ClaudeCodeIntegration claude;
  auto rt = connectEditDisconnect(claude, connectOptions(home.path()), kUserSettings, userTheme);
  auto doc = sdk::Json::parse(rt.connected);
  EXPECT_EQ(doc["env"]["ANTHROPIC_BASE_URL"], "http://127.0.0.1:18080");
  EXPECT_EQ(doc["env"]["MAX_THINKING_TOKENS"], "2048");
  EXPECT_EQ(doc["permissions"]["allow"][0], "Bash(npm test:*)");
  ASSERT_TRUE(rt.restored.has_value());
  EXPECT_EQ(*rt.restored, userTheme(kUserSettings));
}

TEST(ClaudeCodeIntegrationTest, AddsEnvToSettingsWithoutOne) {
  TempHome home;
  ClaudeCodeIntegration claude;
  const std::string original = "{\n  \"theme\": \"dark\"\n}\n";
  auto rt = connectEditDisconnect(claude, connectOptions(home.path()), original, userTheme);
  EXPECT_EQ(sdk::Json::parse(rt.connected)["env"]["ANTHROPIC_AUTH_TOKEN"], "gsk_testkey");
  ASSERT_TRUE(rt.restored.has_value());
  EXPECT_EQ(*rt.restored, userTheme(original));
}

TEST(ClaudeCodeIntegrationTest, FillsAnEmptyObjectAndRestoresIt) {
  TempHome home;
  ClaudeCodeIntegration claude;
  const std::string original = "{}";
  auto rt = connectEditDisconnect(claude, connectOptions(home.path()), original, [](std::string t) { return t; });
  EXPECT_EQ(sdk::Json::parse(rt.connected)["env"]["ANTHROPIC_MODEL"], "mock/echo");
  EXPECT_EQ(rt.restored, original);
}

TEST(ClaudeCodeIntegrationTest, LeavesUnparsableSettingsUntouched) {
  TempHome home;
  ClaudeCodeIntegration claude;
  auto options = connectOptions(home.path());
  const std::string broken = "{\"env\": {\"A\": 1,}\n";
  gateos::testing::writeText(claude.configPaths(options).front(), broken);
  auto plan = claude.planConnect(options);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.status().code(), sdk::StatusCode::kFailedPrecondition);
  EXPECT_NE(plan.status().message().find("not valid JSON"), std::string::npos);
  EXPECT_EQ(gateos::testing::readText(claude.configPaths(options).front()), broken);
}

TEST(ClaudeCodeIntegrationTest, RecognisesClaudeCliAndExtractsToolFiles) {
  ClaudeCodeIntegration claude;
  sdk::Headers headers;
  headers.add("user-agent", "claude-cli/2.1.197 (external, sdk-cli)");
  headers.add("x-claude-code-session-id", "5f1c-session");
  // Recorded shape: an assistant tool_use of Read and Edit, as Claude Code replays it.
  std::string body = R"JSON({"messages":[{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"Read","input":{"file_path":"/repo/src/app.py"}},{"type":"tool_use","id":"toolu_2","name":"Edit","input":{"file_path":"/repo/web/index.tsx","old_string":"a","new_string":"b"}}]}]})JSON";
  sdk::InboundRequest request{"POST", "/v1/messages", "beta=true", &headers, body};
  EXPECT_TRUE(claude.recognizes(request));
  sdk::ClientInfo info;
  claude.extract(request, nullptr, info);
  EXPECT_EQ(info.sessionId, "5f1c-session");
  ASSERT_EQ(info.files.size(), 2u);
  EXPECT_EQ(info.files[0].path, "/repo/src/app.py");
  EXPECT_EQ(info.files[0].language, "python");
  EXPECT_EQ(info.files[1].language, "typescript");

  sdk::Headers sdkHeaders;
  sdkHeaders.add("user-agent", "Anthropic/JS 1.12.0");
  EXPECT_FALSE(claude.recognizes(sdk::InboundRequest{"POST", "/v1/messages", "", &sdkHeaders, "{}"}));
}

}  // namespace
}  // namespace gateos::plugins::integrations::claude_code

#include <gtest/gtest.h>

#include "../integrations_common/round_trip.h"
#include "gateos/sdk/integration/config_text.h"
#include "gateos/sdk/json.h"
#include "opencode_integration.h"

namespace gateos::plugins::integrations::opencode {
namespace {

using gateos::testing::connectEditDisconnect;
using gateos::testing::connectOptions;
using gateos::testing::TempHome;

const std::string kUserConfig = R"JSON({
  "$schema": "https://opencode.ai/config.json",
  // my providers
  "provider": {
    "ollama": {"npm": "@ai-sdk/openai-compatible", "options": {"baseURL": "http://localhost:11434/v1"}}
  },
  "model": "ollama/llama3",
  "autoupdate": false
}
)JSON";

std::string userEdit(std::string text) {
  auto at = text.find("\"autoupdate\": false");
  return at == std::string::npos ? text : text.replace(at, 19, "\"autoupdate\": true");
}

TEST(OpencodeIntegrationTest, AddsProviderAndModelKeepingComments) {
  TempHome home;
  OpencodeIntegration opencode;
  auto rt = connectEditDisconnect(opencode, connectOptions(home.path()), kUserConfig, userEdit);
  EXPECT_NE(rt.connected.find("// my providers"), std::string::npos);
  auto doc = sdk::Json::parse(rt.connected, nullptr, true, true);
  EXPECT_EQ(doc["model"], "gateos/mock/echo");
  EXPECT_EQ(doc["small_model"], "gateos/mock/echo");
  EXPECT_EQ(doc["provider"]["gateos"]["options"]["baseURL"], "http://127.0.0.1:18080/v1");
  EXPECT_EQ(doc["provider"]["gateos"]["options"]["apiKey"], "gsk_testkey");
  EXPECT_TRUE(doc["provider"]["gateos"]["models"].contains("mock/echo"));
  EXPECT_TRUE(doc["provider"].contains("ollama"));
  ASSERT_TRUE(rt.restored.has_value());
  EXPECT_EQ(*rt.restored, userEdit(kUserConfig));
}

TEST(OpencodeIntegrationTest, NewFileIsValidAndRemovedOnDisconnect) {
  TempHome home;
  OpencodeIntegration opencode;
  auto rt = connectEditDisconnect(opencode, connectOptions(home.path()), std::nullopt, [](std::string t) { return t; });
  EXPECT_TRUE(sdk::integration::checkJson(rt.connected));
  EXPECT_FALSE(rt.restored.has_value());
}

TEST(OpencodeIntegrationTest, LeavesUnparsableConfigUntouched) {
  TempHome home;
  OpencodeIntegration opencode;
  auto options = connectOptions(home.path());
  const std::string broken = "{ \"model\": \"x\" \"provider\": {} }";
  gateos::testing::writeText(opencode.configPaths(options).front(), broken);
  auto plan = opencode.planConnect(options);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.status().code(), sdk::StatusCode::kFailedPrecondition);
  EXPECT_EQ(gateos::testing::readText(opencode.configPaths(options).front()), broken);
}

TEST(OpencodeIntegrationTest, RecognisesOpencodeAndItsToolFiles) {
  OpencodeIntegration opencode;
  sdk::Headers headers;
  headers.add("user-agent", "opencode/1.18.33 ai-sdk/provider-utils/4.0.23 runtime/bun/1.3.0");
  headers.add("x-session-id", "ses_123");
  std::string body = R"JSON({"messages":[{"role":"assistant","tool_calls":[{"id":"c1","type":"function","function":{"name":"read","arguments":"{\"filePath\":\"/w/lib/util.go\"}"}}]}]})JSON";
  sdk::InboundRequest request{"POST", "/v1/chat/completions", "", &headers, body};
  EXPECT_TRUE(opencode.recognizes(request));
  sdk::ClientInfo info;
  opencode.extract(request, nullptr, info);
  EXPECT_EQ(info.sessionId, "ses_123");
  ASSERT_EQ(info.files.size(), 1u);
  EXPECT_EQ(info.files[0].path, "/w/lib/util.go");
  EXPECT_EQ(info.files[0].language, "go");
}

}  // namespace
}  // namespace gateos::plugins::integrations::opencode

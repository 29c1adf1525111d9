#include <gtest/gtest.h>

#include "../integrations_common/round_trip.h"
#include "codex_integration.h"
#include "gateos/sdk/integration/config_text.h"

namespace gateos::plugins::integrations::codex {
namespace {

using gateos::testing::connectEditDisconnect;
using gateos::testing::connectOptions;
using gateos::testing::TempHome;

const std::string kUserConfig =
    "# my codex settings\n"
    "model = \"o3\"\n"
    "approval_policy = \"never\"\n"
    "\n"
    "[model_providers.other]\n"
    "name = \"Other\"\n"
    "base_url = \"https://example.invalid/v1\"\n"
    "\n"
    "[profiles.fast]\n"
    "model = \"o4-mini\"\n";

std::string appendUserLine(std::string text) { return text + "\n[tui]\nnotifications = true\n"; }

TEST(CodexIntegrationTest, CreatesConfigAndDisconnectRemovesIt) {
  TempHome home;
  CodexIntegration codex;
  auto rt = connectEditDisconnect(codex, connectOptions(home.path()), std::nullopt, [](std::string t) { return t; });
  EXPECT_NE(rt.connected.find("model_provider = \"gateos\""), std::string::npos);
  EXPECT_NE(rt.connected.find("wire_api = \"responses\""), std::string::npos);
  EXPECT_NE(rt.connected.find("base_url = \"http://127.0.0.1:18080/v1\""), std::string::npos);
  EXPECT_NE(rt.connected.find("experimental_bearer_token = \"gsk_testkey\""), std::string::npos);
  EXPECT_TRUE(sdk::integration::checkToml(rt.connected));
  EXPECT_FALSE(rt.restored.has_value());
}

TEST(CodexIntegrationTest, DisconnectRestoresBytesAfterUnrelatedUserEdits) {
  TempHome home;
  CodexIntegration codex;
  auto rt = connectEditDisconnect(codex, connectOptions(home.path()), kUserConfig, appendUserLine);
  // The user's own top-level model was replaced while connected, never duplicated.
  EXPECT_EQ(rt.connected.find("model = \"o3\""), std::string::npos);
  EXPECT_NE(rt.connected.find("model = \"mock/echo\""), std::string::npos);
  EXPECT_NE(rt.connected.find("[profiles.fast]\nmodel = \"o4-mini\""), std::string::npos);
  ASSERT_TRUE(rt.restored.has_value());
  EXPECT_EQ(*rt.restored, appendUserLine(kUserConfig));
}

TEST(CodexIntegrationTest, ReplacesAnExistingGateosTableAndRestoresIt) {
  TempHome home;
  CodexIntegration codex;
  std::string original = "[model_providers.gateos]\nname = \"old\"\nbase_url = \"http://old/v1\"\n\n[other]\nx = 1\n";
  auto rt = connectEditDisconnect(codex, connectOptions(home.path()), original, appendUserLine);
  EXPECT_EQ(rt.connected.find("http://old/v1"), std::string::npos);
  ASSERT_TRUE(rt.restored.has_value());
  EXPECT_EQ(*rt.restored, appendUserLine(original));
}

TEST(CodexIntegrationTest, LeavesUnparsableConfigUntouched) {
  TempHome home;
  CodexIntegration codex;
  auto options = connectOptions(home.path());
  const std::string broken = "model = \"o3\"\n[model_providers\n";
  gateos::testing::writeText(codex.configPaths(options).front(), broken);
  auto plan = codex.planConnect(options);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.status().code(), sdk::StatusCode::kFailedPrecondition);
  EXPECT_NE(plan.status().message().find("not valid TOML"), std::string::npos);
  EXPECT_EQ(gateos::testing::readText(codex.configPaths(options).front()), broken);
}

TEST(CodexIntegrationTest, DisconnectRefusesWhenGateosLinesWereEditedByHand) {
  TempHome home;
  CodexIntegration codex;
  auto options = connectOptions(home.path());
  gateos::testing::writeText(codex.configPaths(options).front(), kUserConfig);
  auto plan = codex.planConnect(options);
  ASSERT_TRUE(plan);
  gateos::testing::apply(plan.value());
  auto path = codex.configPaths(options).front();
  std::string edited = *gateos::testing::readText(path);
  edited.replace(edited.find("wire_api = \"responses\""), 22, "wire_api = \"chat\"");
  gateos::testing::writeText(path, edited);
  auto undo = codex.planDisconnect(options, sdk::integration::recordOf(plan.value()));
  ASSERT_FALSE(undo);
  EXPECT_EQ(undo.status().code(), sdk::StatusCode::kFailedPrecondition);
}

TEST(CodexIntegrationTest, RecognisesCodexByOriginatorAndReadsSession) {
  CodexIntegration codex;
  sdk::Headers headers;
  headers.add("originator", "codex_exec");
  headers.add("user-agent", "codex_exec/0.169.0 (Debian 12; x86_64)");
  headers.add("session-id", "0199-abc");
  std::string body = R"JSON({"input":[{"type":"function_call","name":"apply_patch","arguments":"{\"path\":\"src/main.rs\"}"}]})JSON";
  sdk::InboundRequest request{"POST", "/v1/responses", "", &headers, body};
  EXPECT_TRUE(codex.recognizes(request));
  sdk::ClientInfo info;
  codex.extract(request, nullptr, info);
  EXPECT_EQ(info.sessionId, "0199-abc");
  ASSERT_EQ(info.files.size(), 1u);
  EXPECT_EQ(info.files[0].path, "src/main.rs");
  EXPECT_EQ(info.files[0].language, "rust");

  sdk::Headers other;
  other.add("user-agent", "OpenAI/JS 6.49.0");
  EXPECT_FALSE(codex.recognizes(sdk::InboundRequest{"POST", "/v1/responses", "", &other, "{}"}));
}

}  // namespace
}  // namespace gateos::plugins::integrations::codex

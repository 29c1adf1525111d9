#include <gtest/gtest.h>

#include "../integrations_common/round_trip.h"
#include "aider_integration.h"
#include "gateos/sdk/integration/config_text.h"

namespace gateos::plugins::integrations::aider {
namespace {

using gateos::testing::connectEditDisconnect;
using gateos::testing::connectOptions;
using gateos::testing::TempHome;

const std::string kUserConfig =
    "# aider settings\n"
    "model: gpt-4o\n"
    "auto-commits: false\n"
    "dark-mode: true\n";

std::string userEdit(std::string text) {
  auto at = text.find("dark-mode: true");
  return at == std::string::npos ? text : text.replace(at, 15, "dark-mode: false");
}

TEST(AiderIntegrationTest, SetsOpenAiBaseKeyAndModelAndRestoresBytes) {
  TempHome home;
  AiderIntegration aider;
  auto rt = connectEditDisconnect(aider, connectOptions(home.path()), kUserConfig, userEdit);
  EXPECT_NE(rt.connected.find("model: \"openai/mock/echo\"\n"), std::string::npos);
  EXPECT_EQ(rt.connected.find("model: gpt-4o"), std::string::npos);
  EXPECT_NE(rt.connected.find("openai-api-base: \"http://127.0.0.1:18080/v1\"\n"), std::string::npos);
  EXPECT_NE(rt.connected.find("openai-api-key: \"gsk_testkey\"\n"), std::string::npos);
  EXPECT_TRUE(sdk::integration::checkYaml(rt.connected));
  ASSERT_TRUE(rt.restored.has_value());
  EXPECT_EQ(*rt.restored, userEdit(kUserConfig));
}

TEST(AiderIntegrationTest, ProjectLevelFileIsCreatedAndRemoved) {
  TempHome home;
  AiderIntegration aider;
  auto options = connectOptions(home.path());
  options.project = home.path() / "repo";
  EXPECT_EQ(aider.configPaths(options).front(), home.path() / "repo" / ".aider.conf.yml");
  auto rt = connectEditDisconnect(aider, options, std::nullopt, [](std::string t) { return t; });
  EXPECT_FALSE(rt.connected.empty());
  EXPECT_FALSE(rt.restored.has_value());
}

TEST(AiderIntegrationTest, LeavesUnparsableConfigUntouched) {
  TempHome home;
  AiderIntegration aider;
  auto options = connectOptions(home.path());
  const std::string broken = "model: [gpt-4o\n";
  gateos::testing::writeText(aider.configPaths(options).front(), broken);
  auto plan = aider.planConnect(options);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.status().code(), sdk::StatusCode::kFailedPrecondition);
  EXPECT_EQ(gateos::testing::readText(aider.configPaths(options).front()), broken);
}

// Aider's chat request shape (files as "path\n```" blocks, from aider's
// get_files_content): the files in play and chat kind are extracted.
TEST(AiderIntegrationTest, ExtractsFilesFromAiderChatRequest) {
  AiderIntegration aider;
  auto body = gateos::testing::readText(std::filesystem::path(GATEOS_TEST_DATA_DIR) / "aider_chat_request.json");
  ASSERT_TRUE(body);
  sdk::Headers headers;
  headers.add("user-agent", "OpenAI/Python 1.99.9");
  sdk::InboundRequest request{"POST", "/v1/chat/completions", "", &headers, *body};
  EXPECT_FALSE(aider.recognizes(request)) << "aider sends only SDK headers: known by its key or /c/aider/";
  sdk::ClientInfo info;
  aider.extract(request, nullptr, info);
  EXPECT_EQ(info.kind, sdk::RequestKind::kChat);
  ASSERT_EQ(info.files.size(), 2u);
  EXPECT_EQ(info.files[0].path, "src/app.py");
  EXPECT_EQ(info.files[0].language, "python");
  EXPECT_EQ(info.files[1].path, "web/main.ts");
  EXPECT_EQ(info.files[1].language, "typescript");
}

}  // namespace
}  // namespace gateos::plugins::integrations::aider

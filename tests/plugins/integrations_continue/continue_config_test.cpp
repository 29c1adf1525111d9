#include <gtest/gtest.h>

#include "../integrations_common/round_trip.h"
#include "continue_integration.h"
#include "gateos/sdk/integration/config_text.h"

namespace gateos::plugins::integrations::continue_dev {
namespace {

using gateos::testing::connectEditDisconnect;
using gateos::testing::connectOptions;
using gateos::testing::TempHome;

const std::string kUserConfig =
    "name: My assistant\n"
    "version: 1.0.0\n"
    "schema: v1\n"
    "models:\n"
    "  - name: Local\n"
    "    provider: ollama\n"
    "    model: qwen2.5-coder\n"
    "context:\n"
    "  - provider: code\n";

std::string userEdit(std::string text) { return text + "rules:\n  - Always answer in English\n"; }

TEST(ContinueIntegrationTest, PutsGateosModelFirstAndRestoresBytes) {
  TempHome home;
  ContinueIntegration cont;
  auto rt = connectEditDisconnect(cont, connectOptions(home.path()), kUserConfig, userEdit);
  EXPECT_NE(rt.connected.find("models:\n  - name: \"GateOS mock/echo\"\n    provider: openai\n"), std::string::npos)
      << rt.connected;
  EXPECT_NE(rt.connected.find("apiBase: \"http://127.0.0.1:18080/v1\""), std::string::npos);
  EXPECT_NE(rt.connected.find("  - name: Local\n"), std::string::npos);
  EXPECT_TRUE(sdk::integration::checkYaml(rt.connected));
  ASSERT_TRUE(rt.restored.has_value());
  EXPECT_EQ(*rt.restored, userEdit(kUserConfig));
}

TEST(ContinueIntegrationTest, CreatesAMinimalConfig) {
  TempHome home;
  ContinueIntegration cont;
  auto rt = connectEditDisconnect(cont, connectOptions(home.path()), std::nullopt, [](std::string t) { return t; });
  EXPECT_TRUE(rt.connected.starts_with("name: GateOS\nversion: 1.0.0\nschema: v1\nmodels:\n"));
  EXPECT_FALSE(rt.restored.has_value());
}

TEST(ContinueIntegrationTest, FillsAnEmptyFlowList) {
  TempHome home;
  ContinueIntegration cont;
  const std::string original = "name: x\nversion: 1.0.0\nschema: v1\nmodels: []\n";
  auto rt = connectEditDisconnect(cont, connectOptions(home.path()), original, [](std::string t) { return t; });
  EXPECT_TRUE(sdk::integration::checkYaml(rt.connected));
  EXPECT_EQ(rt.connected.find("[]"), std::string::npos);
  EXPECT_EQ(rt.restored, original);
}

TEST(ContinueIntegrationTest, LeavesUnparsableConfigUntouched) {
  TempHome home;
  ContinueIntegration cont;
  auto options = connectOptions(home.path());
  const std::string broken = "models:\n  - name: a\n   provider: [unclosed\n";
  gateos::testing::writeText(cont.configPaths(options).front(), broken);
  auto plan = cont.planConnect(options);
  ASSERT_FALSE(plan);
  EXPECT_EQ(plan.status().code(), sdk::StatusCode::kFailedPrecondition);
  EXPECT_NE(plan.status().message().find("not valid YAML"), std::string::npos);
  EXPECT_EQ(gateos::testing::readText(cont.configPaths(options).front()), broken);
}

TEST(ContinueIntegrationTest, AutocompleteAndFencedContextFiles) {
  ContinueIntegration cont;
  sdk::Headers headers;
  std::string fim = R"JSON({"model":"m","prompt":"def f(","suffix":"\n","max_tokens":64})JSON";
  sdk::ClientInfo info;
  cont.extract(sdk::InboundRequest{"POST", "/v1/completions", "", &headers, fim}, nullptr, info);
  EXPECT_EQ(info.kind, sdk::RequestKind::kAutocomplete);
  std::string chat = R"JSON({"messages":[{"role":"user","content":"```python src/app.py\nprint(1)\n```\nexplain"}]})JSON";
  sdk::ClientInfo chatInfo;
  cont.extract(sdk::InboundRequest{"POST", "/v1/chat/completions", "", &headers, chat}, nullptr, chatInfo);
  EXPECT_EQ(chatInfo.kind, sdk::RequestKind::kChat);
  ASSERT_EQ(chatInfo.files.size(), 1u);
  EXPECT_EQ(chatInfo.files[0].path, "src/app.py");
  EXPECT_EQ(chatInfo.files[0].language, "python");
}

}  // namespace
}  // namespace gateos::plugins::integrations::continue_dev

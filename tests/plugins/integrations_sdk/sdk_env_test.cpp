#include <gtest/gtest.h>

#include "../integrations_common/round_trip.h"
#include "sdk_integration.h"

namespace gateos::plugins::integrations::sdk_env {
namespace {

using gateos::testing::connectEditDisconnect;
using gateos::testing::connectOptions;
using gateos::testing::TempHome;

TEST(SdkIntegrationTest, WritesExportsAndRemovesTheFileAgain) {
  TempHome home;
  SdkIntegration sdkIntegration;
  auto rt = connectEditDisconnect(sdkIntegration, connectOptions(home.path()), std::nullopt, [](std::string t) { return t; });
  EXPECT_NE(rt.connected.find("export OPENAI_BASE_URL='http://127.0.0.1:18080/v1'\n"), std::string::npos);
  EXPECT_NE(rt.connected.find("export OPENAI_API_KEY='gsk_testkey'\n"), std::string::npos);
  EXPECT_NE(rt.connected.find("export ANTHROPIC_BASE_URL='http://127.0.0.1:18080'\n"), std::string::npos);
  EXPECT_FALSE(rt.restored.has_value());
}

TEST(SdkIntegrationTest, KeepsOtherLinesOfAnExistingFile) {
  TempHome home;
  SdkIntegration sdkIntegration;
  const std::string original = "export OPENAI_API_KEY='sk-old'\nexport OTHER=1\n";
  auto rt = connectEditDisconnect(sdkIntegration, connectOptions(home.path()), original,
                                  [](std::string t) { return t + "export MINE=2\n"; });
  EXPECT_EQ(rt.connected.find("sk-old"), std::string::npos);
  EXPECT_EQ(rt.restored, original + "export MINE=2\n");
}

TEST(SdkIntegrationTest, RecognisesOfficialSdkUserAgents) {
  SdkIntegration sdkIntegration;
  for (const char* ua : {"OpenAI/JS 6.49.0", "OpenAI/Python 1.99.9", "Anthropic/JS 1.12.0"}) {
    sdk::Headers headers;
    headers.add("user-agent", ua);
    EXPECT_TRUE(sdkIntegration.recognizes(sdk::InboundRequest{"POST", "/v1/chat/completions", "", &headers, "{}"})) << ua;
  }
  sdk::Headers curl;
  curl.add("user-agent", "curl/7.88.1");
  EXPECT_FALSE(sdkIntegration.recognizes(sdk::InboundRequest{"POST", "/v1/chat/completions", "", &curl, "{}"}));
}

}  // namespace
}  // namespace gateos::plugins::integrations::sdk_env

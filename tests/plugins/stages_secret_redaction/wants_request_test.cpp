// The raw-body fast path: false (pass-through) when no string of the body
// holds a secret, true whenever onRequest would find one.
#include <gtest/gtest.h>

#include "json_text.h"
#include "test_support.h"

namespace gateos::plugins::stages::secret_redaction::testing {
namespace {

std::string body(const Json& messages) { return Json{{"model", "gpt-4o"}, {"stream", true}, {"messages", messages}}.dump(); }

TEST(SecretWantsRequestTest, FalseForAnOrdinaryPrompt) {
  Harness h;
  auto ctx = h.context();
  EXPECT_FALSE(h.plugin.wantsRequest(ctx, body(Json::array({{{"role", "user"}, {"content", "Write a function that sorts a list.\n\"quoted\" \\ path"}}}))));
  EXPECT_FALSE(h.plugin.wantsRequest(ctx, body(Json::array({{{"role", "user"}, {"content", "max_tokens is 4096 and the token count is 12"}}}))));
}

TEST(SecretWantsRequestTest, TrueForSecretsHoweverTheBodyEscapesThem) {
  Harness h;
  auto ctx = h.context();
  const std::string aws = "AKIAQ3EGRTY5VZX7MW2P";
  EXPECT_TRUE(h.plugin.wantsRequest(ctx, body(Json::array({{{"role", "user"}, {"content", "id " + aws}}}))));
  // "password": "…" inside a message is \"password\": \"…\" in the body.
  EXPECT_TRUE(h.plugin.wantsRequest(ctx, body(Json::array({{{"role", "user"}, {"content", "{\"password\": \"Tr0ub4dor&3xK9\"}"}}}))));
  // A private key's line breaks are \n escapes.
  EXPECT_TRUE(h.plugin.wantsRequest(ctx, body(Json::array({{{"role", "user"}, {"content",
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\nQyNTUxOQAAACDx\n-----END OPENSSH PRIVATE KEY-----"}}}))));
  // \u escapes and escaped slashes (ensure_ascii / PHP-style encoders).
  EXPECT_TRUE(h.plugin.wantsRequest(ctx, R"({"messages":[{"role":"user","content":"\u0041KIAQ3EGRTY5VZX7MW2P"}]})"));
  EXPECT_TRUE(h.plugin.wantsRequest(ctx, R"({"messages":[{"role":"user","content":"aws_secret_access_key = wJalrXUtnFEMI\/K7MDENG\/bPxRfiCYEXAMPLEKEY"}]})"));
  // Nested JSON: tool-call arguments are a JSON string inside the body.
  Json args = {{"cmd", "curl -u admin:S3cretPassw0rd!x https://x"}, {"env", {{"GITHUB_TOKEN", "ghp_Q8b2Lm4Xz9Tr6Yw1Kp3Nv7Hc5Jd0Fs2Ag4Ue"}}}};
  EXPECT_TRUE(h.plugin.wantsRequest(ctx, body(Json::array({{{"role", "assistant"}, {"tool_calls", Json::array({{{"id", "c"}, {"type", "function"},
      {"function", {{"name", "sh"}, {"arguments", args.dump()}}}}})}}}))));
}

TEST(SecretWantsRequestTest, AgreesWithOnRequestOnTheWholeCorpus) {
  Harness h;
  auto ctx = h.context();
  for (const auto& e : loadCorpus()) {
    Json args = {{"content", e.text}};
    const std::string nested = body(Json::array({{{"role", "assistant"}, {"content", nullptr}, {"tool_calls", Json::array({{{"id", "c"},
        {"type", "function"}, {"function", {{"name", "write"}, {"arguments", args.dump()}}}}})}}}));
    EXPECT_TRUE(h.plugin.wantsRequest(ctx, nested)) << e.id;
    Json anthropic = {{"model", "claude"}, {"system", "You are helpful. Prior context: " + e.text}, {"messages", Json::array({{{"role", "user"}, {"content", "hi"}}})}};
    EXPECT_TRUE(h.plugin.wantsRequest(ctx, anthropic.dump())) << e.id;
  }
}

TEST(SecretJsonTextTest, UnescapesWithOffsetsBackIntoTheRawText) {
  const std::string raw = R"({"a":"x\ny\u00e9\"z"})";
  std::string out;
  std::vector<std::uint32_t> offsets;
  unescapeJsonWithOffsets(raw, out, offsets);
  EXPECT_EQ(out, "{\"a\":\"x\ny\xc3\xa9\"z\"}");
  ASSERT_EQ(offsets.size(), out.size() + 1);
  EXPECT_EQ(offsets[7], 7u);    // '\n' comes from the escape at 7
  EXPECT_EQ(offsets[8], 9u);    // 'y'
  EXPECT_EQ(offsets[9], 10u);   // both bytes of é come from \u00e9
  EXPECT_EQ(offsets[10], 10u);
  EXPECT_EQ(offsets.back(), raw.size());
  std::string esc;
  appendJsonEscaped("a\"b\\c\nd\x01", esc);
  EXPECT_EQ(esc, "a\\\"b\\\\c\\nd\\u0001");
}

}  // namespace
}  // namespace gateos::plugins::stages::secret_redaction::testing

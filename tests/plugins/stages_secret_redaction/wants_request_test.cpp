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

// A structured tool input (Anthropic tool_use.input, Ollama/Gemini arguments)
// reaches onRequest as an object, scanned as compact JSON; the client may have
// laid it out with line breaks anywhere between tokens. The raw-body check must
// see it the same way, or the request would pass through unredacted.
TEST(SecretWantsRequestTest, TrueForASecretInAToolInputObjectHoweverItIsLaidOut) {
  Harness h;
  auto ctx = h.context();
  const std::string secret = "Zq8vN3kLp2Xw7Rt5Ym4Bc9Df6Gh1Jk0";
  for (const std::string input : {"{\"api_key\":\"" + secret + "\"}", "{\n  \"api_key\":\n    \"" + secret + "\"\n}",
                                  "{ \"api_key\"\r\n :\t\"" + secret + "\" }"}) {
    const std::string raw = R"({"model":"m","messages":[{"role":"assistant","content":[{"type":"tool_use","id":"t","name":"deploy","input":)" +
                            input + "}]}]}";
    EXPECT_TRUE(h.plugin.wantsRequest(ctx, raw)) << input;
  }
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

// wantsRequest hands the findings of its one pass over the body to onRequest
// (the text blocks are not scanned again): what onRequest then does must be
// exactly what it does on its own, for every secret of the corpus and every
// clean fixture, with the secret in the middle of a message or at its edges.
// The text with each placeholder's id left out: [[GATEOS:kind]].
std::string withoutPlaceholderIds(std::string text) {
  for (auto p = text.find("[[GATEOS:"); p != std::string::npos; p = text.find("[[GATEOS:", p + 1)) {
    const auto colon = text.find(':', p + 9), end = text.find("]]", p);
    if (colon != std::string::npos && end != std::string::npos && colon < end) text.erase(colon, end - colon);
  }
  return text;
}

TEST(SecretWantsRequestTest, OnRequestWithTheBodysFindingsEqualsOnRequestAlone) {
  Harness h;
  int conversation = 0;
  std::vector<std::string> texts;
  for (const auto& e : loadCorpus()) {
    texts.push_back(e.text);
    texts.push_back(e.secret);
    texts.push_back("see " + e.secret);
    texts.push_back(e.secret + "\n");
  }
  for (const auto& f : std::filesystem::directory_iterator(fixtureDir() / "clean")) texts.push_back(readFile(f.path()));
  // Triggers that assert the start or the end of the text.
  texts.push_back("_authToken=Zx8Kp2Lm9Qr4Tv6Wy1Ab3Cd5Ef7Gh");
  texts.push_back("AKIAQ3EGRTY5VZX7MW2P wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Kp2Lm9Qr4");
  std::size_t redacted = 0;
  for (const auto& text : texts) {
    Message system = textMessage(Role::kSystem, "You are a careful assistant.");
    const std::string raw = Json{{"model", "gpt-4o"},
                                 {"messages", Json::array({{{"role", "system"}, {"content", system.content[0].text}},
                                                           {{"role", "user"}, {"content", text}}})}}
                                .dump();
    // Conversations of their own: a placeholder made for one run is not reused by the other.
    ++conversation;
    auto withBody = h.context("default", "key-1", "with-body-" + std::to_string(conversation));
    ChatRequest a = userRequest(text);
    a.messages.insert(a.messages.begin(), system);
    const bool wanted = h.plugin.wantsRequest(withBody, raw);
    if (wanted) EXPECT_TRUE(h.plugin.onRequest(withBody, a)) << text.substr(0, 80);
    auto alone = h.context("default", "key-1", "alone-" + std::to_string(conversation));
    ChatRequest b = userRequest(text);
    b.messages.insert(b.messages.begin(), system);
    EXPECT_TRUE(h.plugin.onRequest(alone, b)) << text.substr(0, 80);
    const std::size_t n = countPlaceholders(allText(b));
    EXPECT_TRUE(wanted || n == 0) << "wantsRequest missed: " << text.substr(0, 80);
    if (wanted) EXPECT_EQ(withoutPlaceholderIds(allText(a)), withoutPlaceholderIds(allText(b))) << text.substr(0, 80);
    redacted += n;
  }
  EXPECT_GT(redacted, 200u);
}

TEST(SecretJsonTextTest, DecodesADocumentAndFindsItsStrings) {
  const std::string raw = R"({"a":"x\ny\u00e9\"z","b":["","k\\"]})";
  std::string out(raw.size(), '\0');
  std::vector<TextSpan> strings;
  bool backslash = false;
  out.resize(unescapeJsonDocumentInto(raw, out.data(), strings, &backslash));
  EXPECT_EQ(out, "{\"a\":\"x\ny\xc3\xa9\"z\",\"b\":[\"\",\"k\\\"]}");
  EXPECT_TRUE(backslash);
  std::vector<std::string> texts;
  for (const auto& s : strings) texts.push_back(out.substr(s.start, s.end - s.start));
  EXPECT_EQ(texts, (std::vector<std::string>{"a", "x\ny\xc3\xa9\"z", "b", "", "k\\"}));
}

TEST(SecretJsonTextTest, DropsWhiteSpaceBetweenTokensButNotInsideStrings) {
  const std::string raw = "{\n  \"a\" :\t\"x y\\n\",\r\n  \"b\": [ 1, 2 ]\n}";
  std::string out(raw.size(), '\0');
  std::vector<TextSpan> strings;
  out.resize(unescapeJsonDocumentInto(raw, out.data(), strings, nullptr));
  EXPECT_EQ(out, "{\"a\":\"x y\n\",\"b\":[1,2]}");
  ASSERT_EQ(strings.size(), 3u);
  EXPECT_EQ(out.substr(strings[1].start, strings[1].end - strings[1].start), "x y\n");
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

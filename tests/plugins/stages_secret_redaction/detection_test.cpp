// Detection: the pattern pack, the secrets corpus (every one found and
// replaced wherever it sits) and the false-positive corpus (nothing found).
#include <gtest/gtest.h>

#include <set>

#include "json_text.h"
#include "test_support.h"

namespace gateos::plugins::stages::secret_redaction::testing {
namespace {

TEST(SecretPatternPackTest, ShipsAtLeast120DetectorsAcrossEveryCategory) {
  auto pack = loadPatternPack(patternPackFile());
  ASSERT_TRUE(pack) << pack.status().message();
  EXPECT_GE(pack->detectors.size(), 120u);
  std::set<std::string> categories, ids;
  for (const auto& d : pack->detectors) {
    categories.insert(d.category);
    ids.insert(d.id);
  }
  for (const char* c : {"cloud", "source", "payment", "messaging", "database", "ai", "package", "crypto", "auth", "generic"})
    EXPECT_TRUE(categories.count(c)) << c;
  for (const char* id : {"aws_access_key_id", "aws_secret_access_key", "gcp_service_account_private_key",
                         "azure_storage_connection_string", "github_pat", "github_fine_grained_pat", "gitlab_pat",
                         "stripe_live_secret_key", "slack_bot_token", "slack_webhook", "twilio_api_key",
                         "sendgrid_api_key", "openai_project_key", "anthropic_api_key", "google_api_key",
                         "huggingface_token", "npm_token", "pypi_token", "private_key_block", "pgp_private_key_block",
                         "jwt", "postgres_url", "url_with_password", "generic_secret_assignment"})
    EXPECT_TRUE(ids.count(id)) << id;
}

TEST(SecretPatternPackTest, RejectsUnknownKeysAndBadRegexes) {
  Json pack = {{"format", "gateos.secret-patterns/1"}, {"detectors", Json::array({{{"id", "x"}, {"regex", "a"}, {"bogus", 1}}})}};
  EXPECT_FALSE(parsePatternPack(pack));
  pack["detectors"] = Json::array({{{"id", "x"}, {"regex", "(unclosed"}}});
  EXPECT_FALSE(parsePatternPack(pack));
  pack["detectors"] = Json::array({{{"id", "x"}, {"regex", "ab(c)"}, {"group", 2}}});
  EXPECT_FALSE(parsePatternPack(pack));
}

TEST(SecretCorpusTest, HasAtLeast200Secrets) { EXPECT_GE(loadCorpus().size(), 200u); }

class CorpusPlacementTest : public ::testing::TestWithParam<int> {};

// 0: user message, 1: system prompt, 2: tool result, 3: tool-call arguments
// (a JSON string value), 4: assistant history between other text.
TEST_P(CorpusPlacementTest, EverySecretIsReplacedWherever) {
  Harness h;
  ASSERT_TRUE(h.status) << h.status.message();
  const auto corpus = loadCorpus();
  std::size_t missed = 0;
  for (const auto& e : corpus) {
    ChatRequest r = userRequest("please help");
    switch (GetParam()) {
      case 0: r.messages[0].content[0].text = e.text; break;
      case 1: r.messages.insert(r.messages.begin(), textMessage(Role::kSystem, "You are helpful.\n" + e.text)); break;
      case 2:
        r.messages.push_back(toolCallMessage("c1", R"({"path":"config.txt"})"));
        r.messages.push_back(toolResultMessage("c1", e.text));
        break;
      case 3: {
        Json args = {{"path", ".env"}, {"content", e.text}};
        r.messages.push_back(toolCallMessage("c1", args.dump()));
        break;
      }
      case 4: r.messages.push_back(textMessage(Role::kAssistant, "Sure. Earlier you wrote:\n" + e.text + "\nDone.")); break;
    }
    auto ctx = h.context();
    std::string raw = Json({{"messages", Json::array({{{"role", "user"}, {"content", e.text}}})}}).dump();
    EXPECT_TRUE(h.plugin.wantsRequest(ctx, raw)) << e.id;
    ASSERT_TRUE(h.plugin.onRequest(ctx, r)) << e.id;
    const std::string sent = allText(r);
    // The JSON-escaped form counts too: in arguments the secret is stored escaped.
    std::string escaped;
    appendJsonEscaped(e.secret, escaped);
    if (sent.find(e.secret) != std::string::npos || sent.find(escaped) != std::string::npos) {
      ++missed;
      ADD_FAILURE() << "not redacted (" << GetParam() << "): " << e.id << "\n" << sent;
    }
    EXPECT_GE(countPlaceholders(sent), 1u) << e.id;
    if (GetParam() == 3) {
      const auto& args = r.messages.back().content[0].arguments;
      EXPECT_FALSE(Json::parse(args, nullptr, false).is_discarded()) << "arguments no longer JSON: " << args;
    }
  }
  EXPECT_EQ(missed, 0u);
}

INSTANTIATE_TEST_SUITE_P(Placements, CorpusPlacementTest, ::testing::Values(0, 1, 2, 3, 4));

TEST(SecretCorpusTest, FalsePositiveCorpusOf200KbYieldsNothing) {
  Harness h;
  ASSERT_TRUE(h.status) << h.status.message();
  std::size_t bytes = 0;
  for (const auto& entry : std::filesystem::directory_iterator(fixtureDir() / "clean")) {
    const std::string text = readFile(entry.path());
    bytes += text.size();
    ChatRequest r = userRequest(text);
    auto ctx = h.context();
    ASSERT_TRUE(h.plugin.onRequest(ctx, r));
    const auto& got = r.messages.back().content[0].text;
    EXPECT_EQ(r.messages.size(), 1u) << entry.path().filename() << " was changed";
    if (got != text) {
      // Name what was flagged, to make tuning the pack easy.
      std::size_t i = 0;
      while (i < got.size() && got[i] == text[i]) ++i;
      ADD_FAILURE() << "first change near: " << text.substr(i > 60 ? i - 60 : 0, 160);
    }
    const std::string raw = Json({{"messages", Json::array({{{"role", "user"}, {"content", text}}})}}).dump();
    EXPECT_FALSE(h.plugin.wantsRequest(ctx, raw)) << entry.path().filename();
  }
  EXPECT_GE(bytes, 200u * 1024);
  EXPECT_TRUE(h.host.fake.alertSink.alerts().empty());
}

TEST(SecretDetectionTest, KeepsImagesUntouched) {
  Harness h;
  ChatRequest r = userRequest("look");
  ContentBlock img;
  img.type = ContentBlock::Type::kImage;
  img.data = "QUtJQUlPU0ZPRE5ON0VYQU1QTEUgZ2hwXw==";
  img.url = "data:image/png;base64,AKIAIOSFODNN7EXAMPLQ";
  img.mediaType = "image/png";
  r.messages[0].content.push_back(img);
  auto ctx = h.context();
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  EXPECT_EQ(r.messages[0].content[1].data, img.data);
  EXPECT_EQ(r.messages[0].content[1].url, img.url);
}

TEST(SecretDetectionTest, ReplacesOnlyTheSecretPartOfAUrlOrAssignment) {
  Harness h;
  ChatRequest r = userRequest("DATABASE_URL=postgres://app:S3cr3tPassw0rd!x@db.internal:5432/app");
  auto ctx = h.context();
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  const auto& t = r.messages.back().content[0].text;
  EXPECT_EQ(t.find("S3cr3tPassw0rd"), std::string::npos);
  EXPECT_EQ(t.rfind("DATABASE_URL=postgres://app:[[GATEOS:database_password:", 0), 0u) << t;
  EXPECT_NE(t.find("]]@db.internal:5432/app"), std::string::npos) << t;
}

TEST(SecretDetectionTest, FindsAPrivateKeyInsideJsonArgumentsAndKeepsThemValidJson) {
  Harness h;
  const std::string key =
      "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn/ygWyF0qJm8kJxgk2Zq0Y7H9Dq1gq3Yx2Pv\n"
      "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2FsZG9mcmVkdGh1ZA==\n-----END RSA PRIVATE KEY-----\n";
  Json args = {{"path", "id_rsa"}, {"content", key}, {"mode", "0600"}};
  ChatRequest r = userRequest("save my key");
  r.messages.push_back(toolCallMessage("call_1", args.dump()));
  auto ctx = h.context();
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  const auto& out = r.messages.back().content[0].arguments;
  auto parsed = Json::parse(out, nullptr, false);
  ASSERT_FALSE(parsed.is_discarded()) << out;
  EXPECT_EQ(parsed["path"], "id_rsa");
  EXPECT_EQ(parsed["mode"], "0600");
  EXPECT_EQ(parsed["content"].get<std::string>().find("MIIEowIBAAKCAQEA"), std::string::npos) << out;
  EXPECT_NE(parsed["content"].get<std::string>().find("[[GATEOS:private_key:"), std::string::npos) << out;
}

TEST(SecretDetectionTest, ReportsNoSecretForPlaceholdersThemselves) {
  Harness h;
  ChatRequest r = userRequest("API_KEY=[[GATEOS:generic_secret:abcdef]] and token: \"[[GATEOS:github_token:k3xq7m]]\"");
  const std::string before = r.messages[0].content[0].text;
  auto ctx = h.context();
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  EXPECT_EQ(r.messages[0].content[0].text, before);
}

}  // namespace
}  // namespace gateos::plugins::stages::secret_redaction::testing

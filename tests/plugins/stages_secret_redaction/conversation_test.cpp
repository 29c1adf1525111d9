// Conversations: the same secret gets the same placeholder on every turn, the
// mapping is per conversation, encrypted, and wiped after the idle time.
#include <gtest/gtest.h>

#include "test_support.h"

namespace gateos::plugins::stages::secret_redaction::testing {
namespace {

const std::string kToken = "ghp_R7n2Kd9Lq4Wx8Zt1Bv6Mc3Hy5Jp0Sf2Ga7Ue";
const std::string kOther = "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx";

std::string placeholderIn(const std::string& text) {
  auto p = text.find("[[GATEOS:");
  return p == std::string::npos ? std::string() : text.substr(p, text.find("]]", p) + 2 - p);
}

TEST(SecretConversationTest, SameSecretSamePlaceholderAcrossTurns) {
  Harness h;
  auto ctx1 = h.context();
  ChatRequest turn1 = userRequest("here is my token " + kToken);
  ASSERT_TRUE(h.plugin.onRequest(ctx1, turn1));
  const auto p1 = placeholderIn(turn1.messages.back().content[0].text);
  ASSERT_FALSE(p1.empty());

  // Turn 2: the client sends the whole history again, with the original values.
  auto ctx2 = h.context();
  ChatRequest turn2 = userRequest("here is my token " + kToken);
  turn2.messages.push_back(textMessage(Role::kAssistant, "Thanks, I will use " + kToken + "."));
  turn2.messages.push_back(textMessage(Role::kUser, "also " + kOther + " and again " + kToken));
  ASSERT_TRUE(h.plugin.onRequest(ctx2, turn2));
  const std::string all = allText(turn2);
  EXPECT_EQ(all.find(kToken), std::string::npos);
  std::size_t n = 0;
  for (auto pos = all.find(p1); pos != std::string::npos; pos = all.find(p1, pos + 1)) ++n;
  EXPECT_EQ(n, 3u) << all;
  const auto pOther = placeholderIn(turn2.messages.back().content[0].text);
  EXPECT_NE(pOther, p1);
}

TEST(SecretConversationTest, SessionIdKeysTheConversationAndSeparatesOthers) {
  Harness h;
  auto a = h.context("default", "key-1", "session-a");
  ChatRequest r1 = userRequest("first message " + kToken);
  ASSERT_TRUE(h.plugin.onRequest(a, r1));
  auto a2 = h.context("default", "key-1", "session-a");
  ChatRequest r2 = userRequest("a different first message " + kToken);
  ASSERT_TRUE(h.plugin.onRequest(a2, r2));
  EXPECT_EQ(placeholderIn(allText(r1)), placeholderIn(allText(r2)));

  // Another conversation must not be able to resolve this one's placeholders.
  auto b = h.context("default", "key-2", "session-b");
  ChatRequest r3 = userRequest("hi " + kOther);
  ASSERT_TRUE(h.plugin.onRequest(b, r3));
  auto stream = h.plugin.openResponse(b);
  ASSERT_TRUE(stream);
  RecordingSink sink;
  const auto foreign = placeholderIn(allText(r1));
  stream->onEvent(delta(foreign), sink);
  stream->onEnd(sink);
  EXPECT_EQ(sink.text(), foreign);
}

TEST(SecretConversationTest, WithoutSessionTheKeyAndFirstUserMessageIdentifyIt) {
  sdk::RequestContext c1, c2, c3;
  c1.keyId = c2.keyId = "k1";
  c3.keyId = "k2";
  ChatRequest a = userRequest("first");
  ChatRequest b = userRequest("first");
  b.messages.push_back(textMessage(Role::kAssistant, "reply"));
  b.messages.push_back(textMessage(Role::kUser, "second"));
  EXPECT_EQ(SecretRedactionPlugin::conversationKey(c1, a), SecretRedactionPlugin::conversationKey(c2, b));
  EXPECT_NE(SecretRedactionPlugin::conversationKey(c1, a), SecretRedactionPlugin::conversationKey(c3, a));
  c2.workspace = "other";
  EXPECT_NE(SecretRedactionPlugin::conversationKey(c1, a), SecretRedactionPlugin::conversationKey(c2, a));
  EXPECT_EQ(SecretRedactionPlugin::conversationKey(c1, a).find("first"), std::string::npos);
}

TEST(SecretConversationTest, ExpiresAfterTheIdleTimeAndIsWiped) {
  Harness h(Json{{"ttl_seconds", 600}});
  auto ctx = h.context();
  ChatRequest r = userRequest("token " + kToken);
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  const auto p = placeholderIn(allText(r));
  ASSERT_EQ(h.plugin.storeForTesting()->size(), 1u);

  h.now += std::chrono::seconds(599);  // still alive: used again, which resets the idle time
  auto stream = h.plugin.openResponse(ctx);
  ASSERT_TRUE(stream);
  h.now += std::chrono::seconds(599);
  EXPECT_EQ(h.plugin.storeForTesting()->sweep(), 0u);

  h.now += std::chrono::seconds(2);
  EXPECT_EQ(h.plugin.storeForTesting()->sweep(), 1u);
  EXPECT_EQ(h.plugin.storeForTesting()->size(), 0u);
  // The stream opened before expiry can no longer reveal anything: the keys are zeroed.
  RecordingSink sink;
  stream->onEvent(delta(p), sink);
  stream->onEnd(sink);
  EXPECT_EQ(sink.text(), p);
  EXPECT_EQ(h.plugin.openResponse(ctx), nullptr);
}

TEST(SecretConversationTest, TheBackgroundTimerSweepsExpiredConversations) {
  Harness h(Json{{"ttl_seconds", 30}});
  auto ctx = h.context();
  ChatRequest r = userRequest("token " + kToken);
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  ASSERT_EQ(h.plugin.storeForTesting()->size(), 1u);
  h.now += std::chrono::seconds(31);
  h.host.fake.background.advance(std::chrono::seconds(30));
  EXPECT_EQ(h.plugin.storeForTesting()->size(), 0u);
  h.plugin.stop();
  EXPECT_EQ(h.host.fake.background.pendingTimers(), 0u);
}

TEST(SecretConversationTest, StoresOnlyCiphertextAndRevealsByKindAndId) {
  Conversation c;
  const auto p = c.placeholderFor("github_token", kToken);
  EXPECT_EQ(p, c.placeholderFor("other_kind", kToken));  // first kind wins, same value same placeholder
  ASSERT_EQ(p.size(), std::string("[[GATEOS:github_token:abcdef]]").size());
  const auto id = p.substr(p.size() - 8, 6);
  std::string out;
  ASSERT_TRUE(c.reveal("github_token", id, out));
  EXPECT_EQ(out, kToken);
  EXPECT_FALSE(c.reveal("slack_token", id, out));
  c.wipe();
  EXPECT_FALSE(c.reveal("github_token", id, out));
  EXPECT_TRUE(c.placeholderFor("github_token", kToken).empty());
}

TEST(SecretConversationTest, IsSafeUnderConcurrentUse) {
  Harness h;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        auto ctx = h.context("default", "key-" + std::to_string(t % 2), "s" + std::to_string(i % 5));
        ChatRequest r = userRequest("token " + kToken + " and " + kOther);
        if (!h.plugin.onRequest(ctx, r) || allText(r).find(kToken) != std::string::npos) ++failures;
        auto stream = h.plugin.openResponse(ctx);
        RecordingSink sink;
        if (stream) {
          stream->onEvent(delta(r.messages.back().content[0].text), sink);
          stream->onEnd(sink);
        }
        if (sink.text() != "token " + kToken + " and " + kOther) ++failures;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace gateos::plugins::stages::secret_redaction::testing

// Restoration: placeholders in the answer become the originals again, however
// the answer is cut into deltas.
#include <gtest/gtest.h>

#include <regex>

#include "json_text.h"
#include "placeholder.h"
#include "test_support.h"

namespace gateos::plugins::stages::secret_redaction::testing {
namespace {

const std::string kGithub = "ghp_Q8b2Lm4Xz9Tr6Yw1Kp3Nv7Hc5Jd0Fs2Ag4Ue";
const std::string kKey =
    "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\n"
    "MzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----";

struct Redacted {
  std::unique_ptr<Harness> h;
  sdk::RequestContext ctx;
  std::string placeholder;   // of kGithub
  std::string keyPlaceholder;
};

Redacted redactBoth() {
  Redacted out;
  out.h = std::make_unique<Harness>();
  out.ctx = out.h->context();
  ChatRequest r = userRequest("token " + kGithub + "\nkey:\n" + kKey + "\n");
  EXPECT_TRUE(out.h->plugin.onRequest(out.ctx, r));
  std::smatch m;
  const std::string t = r.messages.back().content[0].text;
  std::regex re(R"(\[\[GATEOS:([a-z0-9_]+):([a-z2-7]{6})\]\])");
  std::vector<std::string> found;
  for (auto it = std::sregex_iterator(t.begin(), t.end(), re); it != std::sregex_iterator(); ++it) found.push_back(it->str());
  EXPECT_EQ(found.size(), 2u) << t;
  if (found.size() == 2) {
    out.placeholder = found[0];
    out.keyPlaceholder = found[1];
  }
  return out;
}

std::string runStream(Redacted& r, const std::vector<std::string>& chunks,
                      StreamEvent::Type type = StreamEvent::Type::kTextDelta) {
  auto stream = r.h->plugin.openResponse(r.ctx);
  EXPECT_TRUE(stream);
  if (!stream) return {};
  RecordingSink sink;
  for (const auto& c : chunks) stream->onEvent(delta(c, type), sink);
  stream->onEnd(sink);
  return sink.text(type);
}

TEST(SecretRestoreTest, PlaceholderGrammarMatchesPrefixesAndCompletes) {
  EXPECT_EQ(matchPlaceholder("[[GATEOS:aws_access_key:k3xq7m]] tail").state, PlaceholderMatch::State::kComplete);
  EXPECT_EQ(matchPlaceholder("[[GATEOS:aws_access_key:k3xq7m]] tail").length, 32u);
  for (std::string_view p : {"[", "[[", "[[GAT", "[[GATEOS:", "[[GATEOS:aws", "[[GATEOS:aws:", "[[GATEOS:aws:k3x",
                             "[[GATEOS:aws:k3xq7m", "[[GATEOS:aws:k3xq7m]"})
    EXPECT_EQ(matchPlaceholder(p).state, PlaceholderMatch::State::kPartial) << p;
  for (std::string_view p : {"[x", "[[gateos:", "[[GATEOS:AWS:k3xq7m]]", "[[GATEOS:aws:k3xq71]]", "[[GATEOS::abcdef]]",
                             "[[GATEOS:aws:k3xq7m]x", "[[nodiscard]]"})
    EXPECT_EQ(matchPlaceholder(p).state, PlaceholderMatch::State::kInvalid) << p;
  EXPECT_LE(formatPlaceholder(std::string(40, 'a'), "abcdef").size(), kPlaceholderMaxLength);
}

TEST(SecretRestoreTest, RestoresAWholeAnswer) {
  auto r = redactBoth();
  EXPECT_EQ(runStream(r, {"use " + r.placeholder + " and\n" + r.keyPlaceholder + "."}),
            "use " + kGithub + " and\n" + kKey + ".");
}

TEST(SecretRestoreTest, RestoresAPlaceholderSplitAtEveryOffsetAcrossTwoChunks) {
  auto r = redactBoth();
  const std::string answer = "export GITHUB_TOKEN=" + r.placeholder + "\n";
  const std::string expected = "export GITHUB_TOKEN=" + kGithub + "\n";
  for (std::size_t cut = 0; cut <= answer.size(); ++cut)
    EXPECT_EQ(runStream(r, {answer.substr(0, cut), answer.substr(cut)}), expected) << "cut " << cut;
}

TEST(SecretRestoreTest, RestoresAPlaceholderSplitAtEveryPairOfOffsetsAcrossThreeChunks) {
  auto r = redactBoth();
  const std::string answer = "[a][[x " + r.placeholder + r.placeholder + " [[";
  const std::string expected = "[a][[x " + kGithub + kGithub + " [[";
  for (std::size_t a = 0; a <= answer.size(); ++a)
    for (std::size_t b = a; b <= answer.size(); ++b)
      ASSERT_EQ(runStream(r, {answer.substr(0, a), answer.substr(a, b - a), answer.substr(b)}), expected)
          << a << "," << b;
}

TEST(SecretRestoreTest, HoldsBackOnlyWhatCouldStartAPlaceholder) {
  auto r = redactBoth();
  auto stream = r.h->plugin.openResponse(r.ctx);
  ASSERT_TRUE(stream);
  RecordingSink sink;
  stream->onEvent(delta("int a[3]; x = [[GATE"), sink);
  EXPECT_EQ(sink.text(), "int a[3]; x = ");
  stream->onEvent(delta("WAY]] done"), sink);  // not a placeholder after all
  EXPECT_EQ(sink.text(), "int a[3]; x = [[GATEWAY]] done");
  stream->onEvent(delta("trailing ["), sink);
  EXPECT_EQ(sink.text(), "int a[3]; x = [[GATEWAY]] donetrailing ");
  stream->onEnd(sink);  // released at the end, nothing dropped
  EXPECT_EQ(sink.text(), "int a[3]; x = [[GATEWAY]] donetrailing [");
}

TEST(SecretRestoreTest, ReleasesHeldTextBeforeBlockStopAndFinish) {
  auto r = redactBoth();
  auto stream = r.h->plugin.openResponse(r.ctx);
  ASSERT_TRUE(stream);
  RecordingSink sink;
  stream->onEvent(delta("a [[GATEOS:git"), sink);
  StreamEvent stop;
  stop.type = StreamEvent::Type::kBlockStop;
  stream->onEvent(stop, sink);
  ASSERT_EQ(sink.events.size(), 3u);
  EXPECT_EQ(sink.events[1].text, "[[GATEOS:git");
  EXPECT_EQ(sink.events[2].type, StreamEvent::Type::kBlockStop);
  stream->onEvent(delta("[[", StreamEvent::Type::kReasoningDelta, 1), sink);
  StreamEvent finish;
  finish.type = StreamEvent::Type::kFinish;
  stream->onEvent(finish, sink);
  EXPECT_EQ(sink.text(StreamEvent::Type::kReasoningDelta, 1), "[[");
  EXPECT_EQ(sink.events.back().type, StreamEvent::Type::kFinish);
}

TEST(SecretRestoreTest, RestoresInsideToolCallArgumentDeltasAsJsonAtEveryOffset) {
  auto r = redactBoth();
  const std::string args = R"({"path":"key.pem","content":")" + r.keyPlaceholder + R"(","token":")" + r.placeholder + R"("})";
  for (std::size_t cut = 0; cut <= args.size(); ++cut) {
    const std::string out = runStream(r, {args.substr(0, cut), args.substr(cut)}, StreamEvent::Type::kToolCallDelta);
    auto parsed = Json::parse(out, nullptr, false);
    ASSERT_FALSE(parsed.is_discarded()) << "cut " << cut << ": " << out;
    EXPECT_EQ(parsed["content"], kKey) << cut;
    EXPECT_EQ(parsed["token"], kGithub) << cut;
  }
}

TEST(SecretRestoreTest, KeepsStreamsOfDifferentBlocksApart) {
  auto r = redactBoth();
  auto stream = r.h->plugin.openResponse(r.ctx);
  ASSERT_TRUE(stream);
  RecordingSink sink;
  const std::string p = r.placeholder;
  stream->onEvent(delta(p.substr(0, 10)), sink);
  stream->onEvent(delta(p.substr(0, 5), StreamEvent::Type::kToolCallDelta, 0), sink);
  stream->onEvent(delta(p.substr(10)), sink);
  stream->onEvent(delta(p.substr(5), StreamEvent::Type::kToolCallDelta, 0), sink);
  stream->onEnd(sink);
  EXPECT_EQ(sink.text(), kGithub);
  EXPECT_EQ(sink.text(StreamEvent::Type::kToolCallDelta, 0), kGithub);
}

TEST(SecretRestoreTest, LeavesUnknownPlaceholdersAndOtherEventsAlone) {
  auto r = redactBoth();
  EXPECT_EQ(runStream(r, {"[[GATEOS:github_token:aaaaaa]] and [[GATEOS:private_key:"}, {}),
            "[[GATEOS:github_token:aaaaaa]] and [[GATEOS:private_key:");
  // The kind must match too: a model that changes the kind gets no value.
  const auto id = r.placeholder.substr(r.placeholder.size() - 8, 6);
  EXPECT_EQ(runStream(r, {"[[GATEOS:openai_key:" + id + "]]"}), "[[GATEOS:openai_key:" + id + "]]");
  auto stream = r.h->plugin.openResponse(r.ctx);
  RecordingSink sink;
  StreamEvent start;
  start.type = StreamEvent::Type::kStart;
  start.id = "resp_1";
  stream->onEvent(start, sink);
  ASSERT_EQ(sink.events.size(), 1u);
  EXPECT_EQ(sink.events[0].type, StreamEvent::Type::kStart);
}

TEST(SecretRestoreTest, NoStreamWhenNothingWasRedacted) {
  Harness h;
  auto ctx = h.context();
  ChatRequest r = userRequest("hello world");
  ASSERT_TRUE(h.plugin.onRequest(ctx, r));
  EXPECT_EQ(h.plugin.openResponse(ctx), nullptr);
}

TEST(SecretRestoreTest, RoundTripsEveryCorpusSecretThroughAnEchoingModel) {
  Harness h;
  for (const auto& e : loadCorpus()) {
    auto ctx = h.context("default", "key-1", e.id);
    ChatRequest r = userRequest(e.text);
    ASSERT_TRUE(h.plugin.onRequest(ctx, r));
    const std::string echoed = r.messages.back().content[0].text;  // the model repeats the user's text
    auto stream = h.plugin.openResponse(ctx);
    ASSERT_TRUE(stream) << e.id;
    RecordingSink sink;
    for (std::size_t i = 0; i < echoed.size(); i += 7) stream->onEvent(delta(echoed.substr(i, 7)), sink);
    stream->onEnd(sink);
    EXPECT_EQ(sink.text(), e.text) << e.id;
  }
}

}  // namespace
}  // namespace gateos::plugins::stages::secret_redaction::testing

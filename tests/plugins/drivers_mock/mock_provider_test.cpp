#include <gtest/gtest.h>

#include "gateos/sdk/testing/fake_host.h"
#include "mock_driver.h"
#include "mock_provider.h"
#include "gateos/sdk/testing/recording_sink.h"

namespace gateos::plugins::drivers::mock {
namespace {

using sdk::testing::RecordingSink;
using sdk::testing::FakeExecutor;
using sdk::testing::FakeHost;
using ET = sdk::StreamEvent::Type;
using namespace std::chrono_literals;

class MockProviderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_.requestId = "r1";
    context_.executor = &loop_;
    ASSERT_TRUE(plugin_.configure(sdk::Json::object(), host_).isOk());
  }

  std::unique_ptr<sdk::Provider> open(sdk::Json options = sdk::Json::object()) {
    sdk::ProviderSpec spec;
    spec.name = "mock";
    spec.options = std::move(options);
    auto r = plugin_.openProvider(spec);
    EXPECT_TRUE(r.isOk()) << r.status().message();
    return r.isOk() ? std::move(r.value()) : nullptr;
  }

  sdk::ChatRequest request(std::string userText, bool stream = true) {
    sdk::ChatRequest req;
    req.model = "echo";
    req.stream = stream;
    sdk::Message system;
    system.role = sdk::Role::kSystem;
    system.content.push_back(sdk::ContentBlock::makeText("be nice"));
    sdk::Message user;
    user.content.push_back(sdk::ContentBlock::makeText(std::move(userText)));
    req.messages = {system, user};
    return req;
  }

  std::shared_ptr<RecordingSink> run(sdk::Provider& provider, const sdk::ChatRequest& req, std::string_view model,
                                     std::unique_ptr<sdk::UpstreamCallHandle>* handle = nullptr) {
    auto sink = std::make_shared<RecordingSink>();
    sdk::UpstreamCall call;
    call.context = &context_;
    call.request = &req;
    call.upstreamModel = model;
    auto h = provider.send(call, sink);
    EXPECT_TRUE(sink->calls.empty()) << "send() must not call the sink inline";
    if (handle != nullptr) *handle = std::move(h);
    else loop_.runUntilIdle();
    return sink;
  }

  FakeHost host_;
  FakeExecutor loop_;
  sdk::RequestContext context_;
  MockDriverPlugin plugin_;
};

TEST_F(MockProviderTest, EchoAnswersTheTemplateDeterministically) {
  auto provider = open();
  auto req = request("hello there");
  auto a = run(*provider, req, "echo");
  auto b = run(*provider, req, "echo");
  ASSERT_TRUE(a->completed());
  EXPECT_TRUE(a->status.isOk());
  EXPECT_EQ(a->text(ET::kTextDelta), "You said: hello there");
  ASSERT_EQ(a->events.size(), b->events.size());
  for (std::size_t i = 0; i < a->events.size(); ++i) {
    EXPECT_EQ(a->events[i].type, b->events[i].type);
    EXPECT_EQ(a->events[i].text, b->events[i].text);
  }
  EXPECT_EQ(a->events.front().type, ET::kStart);
  EXPECT_EQ(a->events.front().name, "echo");
  EXPECT_EQ(a->events.back().type, ET::kFinish);
  EXPECT_EQ(a->events.back().finishReason, sdk::FinishReason::kStop);
  EXPECT_EQ(a->calls.front(), "head");
  EXPECT_TRUE(a->head->streaming);
  EXPECT_FALSE(a->head->passthrough);
}

TEST_F(MockProviderTest, SplitsTheAnswerIntoChunkCountDeltas) {
  auto provider = open({{"chunk_count", 5}, {"reply", "abcdefghijklmnopqrstuvwxyz"}});
  auto sink = run(*provider, request("x"), "echo");
  EXPECT_EQ(sink->count(ET::kTextDelta), 5);
  EXPECT_EQ(sink->text(ET::kTextDelta), "abcdefghijklmnopqrstuvwxyz");

  auto defaults = open();
  EXPECT_EQ(run(*defaults, request("a long enough message"), "echo")->count(ET::kTextDelta), 8);
  auto shortReply = open({{"chunk_count", 10}, {"reply", "héé"}});
  auto s = run(*shortReply, request("x"), "echo");
  EXPECT_EQ(s->count(ET::kTextDelta), 3);  // one per character, never a split UTF-8 sequence
  EXPECT_EQ(s->text(ET::kTextDelta), "héé");
}

TEST_F(MockProviderTest, DelayUsesTheExecutorsTimers) {
  auto provider = open({{"chunk_count", 3}, {"chunk_delay_ms", 100}, {"reply", "abc"}});
  auto req = request("x");
  std::unique_ptr<sdk::UpstreamCallHandle> handle;
  auto sink = run(*provider, req, "echo", &handle);
  loop_.runUntilIdle();
  EXPECT_EQ(sink->count(ET::kTextDelta), 1);
  EXPECT_EQ(loop_.pendingTimers(), 1u);
  loop_.advance(99ms);
  EXPECT_EQ(sink->count(ET::kTextDelta), 1);
  loop_.advance(1ms);
  EXPECT_EQ(sink->count(ET::kTextDelta), 2);
  EXPECT_FALSE(sink->completed());
  loop_.advance(100ms);
  EXPECT_EQ(sink->count(ET::kTextDelta), 3);
  EXPECT_TRUE(sink->completed());
  EXPECT_EQ(loop_.scheduledCount(), 2u);
}

TEST_F(MockProviderTest, ToolsModelCallsTheFirstToolWithTheLastUserText) {
  auto provider = open({{"chunk_count", 4}});
  auto req = request("list files");
  sdk::ToolDefinition bash;
  bash.name = "Bash";
  sdk::ToolDefinition read;
  read.name = "Read";
  req.tools = {bash, read};
  auto sink = run(*provider, req, "tools");
  ASSERT_EQ(sink->count(ET::kToolCallStart), 1);
  auto start = std::find_if(sink->events.begin(), sink->events.end(), [](auto& e) { return e.type == ET::kToolCallStart; });
  EXPECT_EQ(start->name, "Bash");
  EXPECT_FALSE(start->id.empty());
  EXPECT_EQ(sink->count(ET::kToolCallDelta), 4);
  EXPECT_EQ(sdk::Json::parse(sink->text(ET::kToolCallDelta)), (sdk::Json{{"input", "list files"}}));
  EXPECT_EQ(sink->count(ET::kTextDelta), 0);
  EXPECT_EQ(sink->events.back().finishReason, sdk::FinishReason::kToolCalls);
}

TEST_F(MockProviderTest, ToolsModelWithoutToolsAnswersText) {
  auto provider = open();
  auto sink = run(*provider, request("hi"), "tools");
  EXPECT_EQ(sink->count(ET::kToolCallStart), 0);
  EXPECT_EQ(sink->text(ET::kTextDelta), "You said: hi");
  EXPECT_EQ(sink->events.back().finishReason, sdk::FinishReason::kStop);
}

TEST_F(MockProviderTest, UsageCountsCharactersOverFour) {
  auto provider = open({{"reply", "12345"}});
  auto sink = run(*provider, request("hello"), "echo");  // "be nice" (7) + "hello" (5) = 12 chars
  ASSERT_EQ(sink->count(ET::kUsage), 1);
  auto usage = std::find_if(sink->events.begin(), sink->events.end(), [](auto& e) { return e.type == ET::kUsage; });
  EXPECT_EQ(usage->usage.inputTokens, 3);
  EXPECT_EQ(usage->usage.outputTokens, 2);  // ceil(5 / 4)
}

TEST_F(MockProviderTest, CancelStopsDeltasAndCompletesCancelled) {
  auto provider = open({{"chunk_count", 4}, {"chunk_delay_ms", 10}});
  auto req = request("x");
  std::unique_ptr<sdk::UpstreamCallHandle> handle;
  auto sink = run(*provider, req, "echo", &handle);
  loop_.runUntilIdle();
  EXPECT_EQ(sink->count(ET::kTextDelta), 1);
  handle->cancel();
  loop_.advance(1000ms);
  EXPECT_EQ(sink->count(ET::kTextDelta), 1);
  EXPECT_EQ(sink->completions, 1);
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kCancelled);
  EXPECT_EQ(sink->count(ET::kFinish), 0);
  handle->cancel();  // idempotent
  loop_.runUntilIdle();
  EXPECT_EQ(sink->completions, 1);
}

TEST_F(MockProviderTest, NonStreamingAlsoEmitsEvents) {
  auto provider = open();
  auto sink = run(*provider, request("hi", /*stream=*/false), "echo");
  EXPECT_FALSE(sink->head->streaming);
  EXPECT_EQ(sink->text(ET::kTextDelta), "You said: hi");
  EXPECT_TRUE(sink->status.isOk());
}

TEST_F(MockProviderTest, UnknownModelIsNotFound) {
  auto provider = open();
  auto sink = run(*provider, request("hi"), "gpt-9");
  EXPECT_EQ(sink->heads, 0);
  EXPECT_EQ(sink->status.code(), sdk::StatusCode::kNotFound);
  EXPECT_EQ(sink->status.reason(), "model_not_found");
}

TEST_F(MockProviderTest, ModelsAreTheConfiguredOnes) {
  auto provider = open({{"models", {"a", "b"}}, {"reply", "{{model}}: {{last_user}}"}});
  auto models = provider->configuredModels();
  ASSERT_EQ(models.size(), 2u);
  EXPECT_EQ(models[1].id, "b");
  EXPECT_EQ(run(*provider, request("hi"), "b")->text(ET::kTextDelta), "b: hi");
  std::optional<sdk::Result<std::vector<sdk::ModelInfo>>> discovered;
  provider->discoverModels(loop_, [&](auto r) { discovered = std::move(r); });
  EXPECT_FALSE(discovered.has_value());  // delivered on the executor
  loop_.runUntilIdle();
  ASSERT_TRUE(discovered && discovered->isOk());
  EXPECT_EQ(discovered->value().size(), 2u);
  EXPECT_EQ(provider->wireDialect(), "");
}

TEST_F(MockProviderTest, RejectsBadOptions) {
  for (const auto& options : {sdk::Json{{"chunk_count", 0}}, sdk::Json{{"chunk_delay_ms", -1}},
                              sdk::Json{{"models", "echo"}}, sdk::Json{{"reply", 5}}, sdk::Json{{"colour", "red"}}}) {
    sdk::ProviderSpec spec;
    spec.name = "m1";
    spec.options = options;
    auto r = plugin_.openProvider(spec);
    ASSERT_FALSE(r.isOk()) << options.dump();
    EXPECT_EQ(r.status().code(), sdk::StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message().rfind("provider m1: ", 0), 0u) << r.status().message();
  }
  EXPECT_FALSE(plugin_.configure({{"x", 1}}, host_).isOk());
}

}  // namespace
}  // namespace gateos::plugins::drivers::mock

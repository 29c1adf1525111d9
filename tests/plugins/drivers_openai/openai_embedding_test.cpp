#include <gtest/gtest.h>

#include "gateos/sdk/codec/openai_embeddings.h"
#include "gateos/sdk/testing/fake_host.h"
#include "openai_driver.h"
#include "openai_provider.h"

namespace gateos::plugins::drivers::openai {
namespace {

// One text input (designated initializers would warn about the other fields).
sdk::EmbeddingInput textInput(std::string text) {
  sdk::EmbeddingInput in;
  in.text = std::move(text);
  return in;
}

class OpenAiEmbeddingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_.executor = &loop_;
    ASSERT_TRUE(plugin_.configure(sdk::Json::object(), host_).isOk());
    sdk::ProviderSpec spec;
    spec.name = "up";
    spec.options = {{"base_url", "https://api.example.com/v1"}, {"models", {"text-embedding-3-small"}}};
    spec.credential = "sk-up";
    auto r = plugin_.openProvider(spec);
    ASSERT_TRUE(r.isOk()) << r.status().message();
    provider_ = std::move(r.value());
    request_.model = "up/text-embedding-3-small";
    request_.inputs = {textInput("a"), textInput("b")};
  }

  void start() {
    sdk::EmbeddingCall call;
    call.context = &context_;
    call.request = &request_;
    call.upstreamModel = "text-embedding-3-small";
    handle_ = provider_->embed(call, [this](sdk::Result<sdk::EmbeddingResponse> r) {
      ++calls_;
      result_ = std::move(r);
    });
  }

  sdk::testing::FakeHost host_;
  sdk::testing::FakeExecutor loop_;
  sdk::RequestContext context_;
  OpenAiDriverPlugin plugin_;
  std::unique_ptr<sdk::Provider> provider_;
  sdk::EmbeddingRequest request_;
  std::unique_ptr<sdk::UpstreamCallHandle> handle_;
  int calls_ = 0;
  sdk::Result<sdk::EmbeddingResponse> result_ = sdk::Status(sdk::StatusCode::kInternal, "not yet");
};

TEST_F(OpenAiEmbeddingTest, PostsEmbeddingsWithTheClientsEncodingAndDecodesBase64) {
  request_.encoding = sdk::EmbeddingEncoding::kBase64;
  start();
  auto& ex = host_.httpClient.exchange();
  EXPECT_EQ(ex.request.url, "https://api.example.com/v1/embeddings");
  EXPECT_EQ(ex.request.headers.get("authorization"), "Bearer sk-up");
  auto body = sdk::Json::parse(ex.request.body);
  EXPECT_EQ(body["model"], "text-embedding-3-small");
  EXPECT_EQ(body["input"], (sdk::Json{"a", "b"}));
  EXPECT_EQ(body["encoding_format"], "base64");
  std::string b0, b1;
  sdk::codec::openai_embeddings::appendBase64Vector(b0, {0.5f, 0.25f});
  sdk::codec::openai_embeddings::appendBase64Vector(b1, {-1.0f, 2.0f});
  ex.reply(200, {{"content-type", "application/json"}},
           R"({"object":"list","data":[{"object":"embedding","index":0,"embedding":")" + b0 +
               R"("},{"object":"embedding","index":1,"embedding":")" + b1 +
               R"("}],"model":"text-embedding-3-small","usage":{"prompt_tokens":2,"total_tokens":2}})");
  ASSERT_EQ(calls_, 1);
  ASSERT_TRUE(result_.isOk()) << result_.status().message();
  EXPECT_EQ(result_->vectors, (std::vector<std::vector<float>>{{0.5f, 0.25f}, {-1.0f, 2.0f}}));
  EXPECT_EQ(result_->usage.inputTokens, 2);
}

TEST_F(OpenAiEmbeddingTest, UpstreamErrorsKeepTheirStatus) {
  start();
  host_.httpClient.exchange().reply(429, {{"content-type", "application/json"}, {"retry-after", "7"}},
                                    R"({"error":{"message":"slow down","type":"rate_limit_error"}})");
  ASSERT_EQ(calls_, 1);
  ASSERT_FALSE(result_.isOk());
  EXPECT_EQ(sdk::httpStatusOf(result_.status()), 429);
  EXPECT_EQ(result_.status().retryAfterSeconds().value_or(0), 7);
  EXPECT_NE(result_.status().message().find("upstream up: slow down"), std::string::npos);
}

TEST_F(OpenAiEmbeddingTest, InvalidAnswerIs502AndCancelCompletesOnce) {
  start();
  host_.httpClient.exchange().reply(200, {{"content-type", "application/json"}}, R"({"data":"nope"})");
  ASSERT_FALSE(result_.isOk());
  EXPECT_EQ(sdk::httpStatusOf(result_.status()), 502);

  calls_ = 0;
  start();
  handle_->cancel();
  loop_.runUntilIdle();
  EXPECT_EQ(calls_, 1);
  EXPECT_EQ(result_.status().code(), sdk::StatusCode::kCancelled);
}

}  // namespace
}  // namespace gateos::plugins::drivers::openai

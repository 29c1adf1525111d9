#include <gtest/gtest.h>

#include <cmath>

#include "gateos/sdk/testing/fake_host.h"
#include "mock_driver.h"
#include "mock_provider.h"

namespace gateos::plugins::drivers::mock {
namespace {

// One text input (designated initializers would warn about the other fields).
sdk::EmbeddingInput textInput(std::string text) {
  sdk::EmbeddingInput in;
  in.text = std::move(text);
  return in;
}

class MockEmbeddingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    context_.executor = &loop_;
    ASSERT_TRUE(plugin_.configure(sdk::Json::object(), host_).isOk());
    sdk::ProviderSpec spec;
    spec.name = "mock";
    auto r = plugin_.openProvider(spec);
    ASSERT_TRUE(r.isOk());
    provider_ = std::move(r.value());
  }

  sdk::Result<sdk::EmbeddingResponse> embed(const sdk::EmbeddingRequest& request, std::string_view model = "echo") {
    sdk::Result<sdk::EmbeddingResponse> result = sdk::Status(sdk::StatusCode::kInternal, "done never ran");
    sdk::EmbeddingCall call;
    call.context = &context_;
    call.request = &request;
    call.upstreamModel = model;
    bool ran = false;
    provider_->embed(call, [&](sdk::Result<sdk::EmbeddingResponse> r) {
      ran = true;
      result = std::move(r);
    });
    EXPECT_FALSE(ran) << "done must not run inline";
    loop_.runUntilIdle();
    EXPECT_TRUE(ran);
    return result;
  }

  sdk::testing::FakeHost host_;
  sdk::testing::FakeExecutor loop_;
  sdk::RequestContext context_;
  MockDriverPlugin plugin_;
  std::unique_ptr<sdk::Provider> provider_;
};

sdk::EmbeddingRequest texts(std::initializer_list<const char*> inputs) {
  sdk::EmbeddingRequest r;
  for (const char* t : inputs) r.inputs.push_back(textInput(t));
  return r;
}

TEST_F(MockEmbeddingTest, DeterministicUnitVectorsOnePerInput) {
  auto a = embed(texts({"hello", "world", "hello"}));
  ASSERT_TRUE(a.isOk()) << a.status().message();
  ASSERT_EQ(a->vectors.size(), 3u);
  EXPECT_EQ(a->vectors[0].size(), static_cast<std::size_t>(kMockEmbeddingDimensions));
  EXPECT_EQ(a->vectors[0], a->vectors[2]);
  EXPECT_NE(a->vectors[0], a->vectors[1]);
  double norm = 0;
  for (float v : a->vectors[0]) norm += double(v) * v;
  EXPECT_NEAR(std::sqrt(norm), 1.0, 1e-6);
  EXPECT_EQ(a->usage.inputTokens, 6);  // ceil(5 / 4) per input
}

TEST_F(MockEmbeddingTest, DimensionsAndTokens) {
  auto req = texts({"x"});
  req.dimensions = 3;
  sdk::EmbeddingInput tokens;
  tokens.isTokens = true;
  tokens.tokens = {1, 2, 3, 4, 5};
  req.inputs.push_back(tokens);
  auto r = embed(req);
  ASSERT_TRUE(r.isOk());
  EXPECT_EQ(r->vectors[0].size(), 3u);
  EXPECT_EQ(r->vectors[1].size(), 3u);
  EXPECT_EQ(r->usage.inputTokens, 1 + 5);
  EXPECT_EQ(mockEmbedding(req.inputs[0], 3), r->vectors[0]);
}

TEST_F(MockEmbeddingTest, UnknownModelIsNotFound) {
  auto r = embed(texts({"x"}), "nope");
  ASSERT_FALSE(r.isOk());
  EXPECT_EQ(r.status().code(), sdk::StatusCode::kNotFound);
}

}  // namespace
}  // namespace gateos::plugins::drivers::mock

#include <gtest/gtest.h>

#include "gateos/sdk/codec/openai_embeddings.h"
#include "gateos/sdk/util/base64.h"

namespace gateos::sdk::codec::openai_embeddings {
namespace {

TEST(Base64Test, RoundTripsEveryLength) {
  std::string bytes;
  for (int n = 0; n < 40; ++n) {
    std::string text;
    util::appendBase64(text, bytes);
    EXPECT_EQ(text.size() % 4, 0u);
    auto back = util::decodeBase64(text);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, bytes);
    bytes += static_cast<char>(n * 37);
  }
  std::string hello;
  util::appendBase64(hello, "hello");
  EXPECT_EQ(hello, "aGVsbG8=");
  EXPECT_FALSE(util::decodeBase64("a$==").has_value());
}

TEST(OpenAiEmbeddingsTest, DecodesEveryInputShape) {
  auto one = decodeRequest(R"({"model":"m","input":"hi","encoding_format":"base64","dimensions":3,"user":"u","x":1})");
  ASSERT_TRUE(one.isOk()) << one.status().message();
  EXPECT_TRUE(one->singleInput);
  EXPECT_EQ(one->inputs[0].text, "hi");
  EXPECT_EQ(one->encoding, EmbeddingEncoding::kBase64);
  EXPECT_EQ(*one->dimensions, 3);
  EXPECT_EQ(one->user, "u");
  EXPECT_EQ(one->extra["x"], 1);
  auto tokens = decodeRequest(R"({"model":"m","input":[1,2,3]})");
  ASSERT_TRUE(tokens.isOk());
  EXPECT_TRUE(tokens->singleInput);
  EXPECT_TRUE(tokens->inputs[0].isTokens);
  EXPECT_EQ(tokens->inputs[0].tokens, (std::vector<int64_t>{1, 2, 3}));
  auto many = decodeRequest(R"({"model":"m","input":["a",[4,5]]})");
  ASSERT_TRUE(many.isOk());
  EXPECT_EQ(many->inputs.size(), 2u);
  EXPECT_TRUE(many->inputs[1].isTokens);
  EXPECT_EQ(many->encoding, EmbeddingEncoding::kFloat);
}

TEST(OpenAiEmbeddingsTest, RefusesBadInput) {
  for (const char* body : {"nope", R"({"input":"x"})", R"({"model":"m"})", R"({"model":"m","input":[]})",
                           R"({"model":"m","input":5})", R"({"model":"m","input":["a",{}]})",
                           R"({"model":"m","input":"a","encoding_format":"int8"})", R"({"model":"m","input":"a","dimensions":0})"}) {
    auto r = decodeRequest(body);
    ASSERT_FALSE(r.isOk()) << body;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << body;
  }
  EXPECT_EQ(decodeRequest(R"({"model":"m","input":5})").status().param(), "input");
}

TEST(OpenAiEmbeddingsTest, EncodesUpstreamRequest) {
  auto req = decodeRequest(R"({"model":"alias","input":["a","b"],"dimensions":2,"gateos.x":1,"extra_body":true})");
  ASSERT_TRUE(req.isOk());
  auto body = Json::parse(encodeRequest(req.value(), "text-embedding-3-small", EmbeddingEncoding::kBase64));
  EXPECT_EQ(body["model"], "text-embedding-3-small");
  EXPECT_EQ(body["input"], (Json{"a", "b"}));
  EXPECT_EQ(body["encoding_format"], "base64");
  EXPECT_EQ(body["dimensions"], 2);
  EXPECT_EQ(body["extra_body"], true);
  EXPECT_FALSE(body.contains("gateos.x"));
}

TEST(OpenAiEmbeddingsTest, ResponseRoundTripsThroughFloatAndBase64) {
  EmbeddingResponse response;
  response.vectors = {{0.1f, -2.5f, 3.25e-8f}, {1.0f, 0.0f, -0.0f}};
  response.usage.inputTokens = 5;
  for (auto encoding : {EmbeddingEncoding::kFloat, EmbeddingEncoding::kBase64}) {
    std::string wire = encodeResponse(response, "m", encoding);
    auto body = Json::parse(wire);
    EXPECT_EQ(body["object"], "list");
    EXPECT_EQ(body["model"], "m");
    EXPECT_EQ(body["usage"]["prompt_tokens"], 5);
    EXPECT_EQ(body["data"][1]["index"], 1);
    EXPECT_EQ(body["data"][0]["embedding"].is_string(), encoding == EmbeddingEncoding::kBase64);
    auto back = decodeResponse(wire);
    ASSERT_TRUE(back.isOk()) << back.status().message();
    EXPECT_EQ(back->vectors, response.vectors);  // bit-exact both ways
    EXPECT_EQ(back->usage.inputTokens, 5);
  }
}

TEST(OpenAiEmbeddingsTest, Base64IsLittleEndianFloat32) {
  std::string text;
  appendBase64Vector(text, {1.0f});
  EXPECT_EQ(text, "AACAPw==");  // 00 00 80 3f
}

TEST(OpenAiEmbeddingsTest, UpstreamAnswerIsSortedByIndexAndValidated) {
  auto r = decodeResponse(R"({"data":[{"index":1,"embedding":[2]},{"index":0,"embedding":[1]}],"model":"x","usage":{"prompt_tokens":2,"total_tokens":2}})");
  ASSERT_TRUE(r.isOk());
  EXPECT_EQ(r->vectors, (std::vector<std::vector<float>>{{1}, {2}}));
  EXPECT_EQ(r->model, "x");
  for (const char* bad : {"[]", R"({"data":{}})", R"({"data":[{"embedding":"@@"}]})", R"({"data":[{"embedding":["x"]}]})"}) {
    auto e = decodeResponse(bad);
    ASSERT_FALSE(e.isOk()) << bad;
    EXPECT_EQ(httpStatusOf(e.status()), 502);
  }
}

}  // namespace
}  // namespace gateos::sdk::codec::openai_embeddings

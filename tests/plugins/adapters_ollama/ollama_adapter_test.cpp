#include <gtest/gtest.h>

#include "gateos/sdk/testing/fake_host.h"
#include "ollama_adapter.h"

namespace gateos::plugins::adapters::ollama {
namespace {

using sdk::Json;
using sdk::StatusCode;
using ET = sdk::StreamEvent::Type;

class OllamaAdapterTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(plugin_.configure(Json::object(), host_).isOk()); }

  sdk::InboundRequest request(std::string_view body, std::string_view path = "/api/chat", std::string_view method = "POST") {
    sdk::InboundRequest r;
    r.method = method;
    r.path = path;
    r.headers = &headers_;
    r.body = body;
    return r;
  }

  sdk::testing::FakeHost host_;
  sdk::Headers headers_;
  OllamaAdapterPlugin plugin_;
  sdk::Adapter& adapter_ = *plugin_.asAdapter();
};

TEST_F(OllamaAdapterTest, ExposesDialectAndRoutes) {
  EXPECT_EQ(adapter_.dialect(), "ollama");
  std::map<std::string, std::string> ops;
  for (const auto& r : adapter_.routes()) ops[r.method + " " + r.path] = r.operation;
  EXPECT_EQ(ops["POST /api/chat"], "chat");
  EXPECT_EQ(ops["POST /api/generate"], "chat");
  EXPECT_EQ(ops["POST /api/embed"], "embeddings");
  EXPECT_EQ(ops["POST /api/embeddings"], "embeddings");
  EXPECT_EQ(ops["GET /api/tags"], "models");
  EXPECT_EQ(ops["POST /api/show"], "show");
  EXPECT_EQ(ops["GET /api/version"], "version");
}

TEST_F(OllamaAdapterTest, RejectsSettings) {
  OllamaAdapterPlugin other;
  EXPECT_EQ(other.configure(Json{{"x", 1}}, host_).code(), StatusCode::kInvalidArgument);
}

TEST_F(OllamaAdapterTest, SummarizeDefaultsToStreaming) {
  auto s = adapter_.summarize(request(R"({"model":"mock/echo","messages":[{"role":"user","content":"hi"}]})"));
  ASSERT_TRUE(s.isOk());
  EXPECT_EQ(s->model, "mock/echo");
  EXPECT_TRUE(s->stream);
  auto show = adapter_.summarize(request(R"({"name":"mock/echo"})", "/api/show"));
  ASSERT_TRUE(show.isOk());
  EXPECT_EQ(show->model, "mock/echo");
}

TEST_F(OllamaAdapterTest, DecodePicksChatOrGenerateByPath) {
  auto chat = adapter_.decode(request(R"({"model":"m","messages":[{"role":"user","content":"hi"}]})"));
  ASSERT_TRUE(chat.isOk());
  EXPECT_EQ(chat->lastUserText(), "hi");
  auto gen = adapter_.decode(request(R"({"model":"m","prompt":"p","system":"s"})", "/api/generate"));
  ASSERT_TRUE(gen.isOk());
  EXPECT_EQ(gen->messages.size(), 2u);
  EXPECT_EQ(gen->lastUserText(), "p");
}

TEST_F(OllamaAdapterTest, ReplaceModelKeepsEveryOtherByte) {
  std::string body = R"({ "options": {"num_ctx": 4096}, "model" : "alias", "messages":[]})";
  auto out = adapter_.replaceModel(body, "llama3.2");
  ASSERT_TRUE(out.isOk());
  EXPECT_EQ(out.value(), R"({ "options": {"num_ctx": 4096}, "model" : "llama3.2", "messages":[]})");
}

TEST_F(OllamaAdapterTest, EncoderStreamsNdjsonForChatAndJsonWhenAsked) {
  sdk::RequestContext context;
  context.path = "/api/generate";
  sdk::RequestSummary summary;
  summary.model = "mock/echo";
  summary.stream = true;
  auto enc = adapter_.makeEncoder(context, summary);
  ASSERT_NE(enc, nullptr);
  EXPECT_EQ(enc->contentType(), "application/x-ndjson");
  std::string out;
  sdk::StreamEvent delta;
  delta.type = ET::kTextDelta;
  delta.text = "hi";
  enc->onEvent(delta, out);
  EXPECT_EQ(Json::parse(out.substr(0, out.find('\n')))["response"], "hi");
  summary.stream = false;
  context.path = "/api/chat";
  auto whole = adapter_.makeEncoder(context, summary);
  EXPECT_EQ(whole->contentType(), "application/json; charset=utf-8");
  out.clear();
  whole->onEvent(delta, out);
  whole->finish(out);
  EXPECT_EQ(Json::parse(out)["message"]["content"], "hi");
}

TEST_F(OllamaAdapterTest, ErrorsInOllamaFormat) {
  EXPECT_EQ(Json::parse(adapter_.renderError(sdk::Status(StatusCode::kUnauthenticated, "missing gateway key"))),
            (Json{{"error", "missing gateway key"}}));
}

TEST_F(OllamaAdapterTest, EmbeddingsByPath) {
  auto embed = adapter_.decodeEmbedding(request(R"({"model":"m","input":["a","b"]})", "/api/embed"));
  ASSERT_TRUE(embed.isOk());
  EXPECT_EQ(embed->inputs.size(), 2u);
  auto legacy = adapter_.decodeEmbedding(request(R"({"model":"m","prompt":"a"})", "/api/embeddings"));
  ASSERT_TRUE(legacy.isOk());
  sdk::EmbeddingResponse response;
  response.vectors = {{0.5f}};
  auto newBody = adapter_.encodeEmbedding(request("", "/api/embed"), embed.value(), response);
  EXPECT_EQ(Json::parse(newBody.value())["embeddings"], (Json{{0.5}}));
  auto oldBody = adapter_.encodeEmbedding(request("", "/api/embeddings"), legacy.value(), response);
  EXPECT_EQ(Json::parse(oldBody.value())["embedding"], (Json{0.5}));
}

TEST_F(OllamaAdapterTest, ListingsAndLocalAnswers) {
  auto tags = adapter_.renderModels(request("", "/api/tags", "GET"), "models", {{"mock/echo", "mock", ""}});
  ASSERT_TRUE(tags.isOk());
  EXPECT_EQ(Json::parse(tags.value())["models"][0]["name"], "mock/echo");
  auto show = adapter_.renderModels(request(R"({"model":"mock/echo"})", "/api/show"), "show", {{"mock/echo", "mock", ""}});
  ASSERT_TRUE(show.isOk());
  EXPECT_TRUE(Json::parse(show.value()).contains("details"));
  auto version = adapter_.answerLocally(request("", "/api/version", "GET"), "version");
  ASSERT_TRUE(version.isOk());
  EXPECT_TRUE(Json::parse(version.value())["version"].is_string());
  EXPECT_EQ(adapter_.answerLocally(request(""), "count_tokens").status().code(), StatusCode::kUnimplemented);
}

}  // namespace
}  // namespace gateos::plugins::adapters::ollama

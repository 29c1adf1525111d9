// What the conformance suite (tests/integration/conformance) found, pinned at
// the codec level: features a target cannot express are refused by name, and
// provider errors keep their meaning in the other family's format.
#include <gtest/gtest.h>

#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/gemini.h"
#include "gateos/sdk/codec/ollama_encode_request.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::sdk::codec {
namespace {

ChatRequest chat(std::string_view body) {
  auto r = openai_chat::decodeRequest(body);
  EXPECT_TRUE(r.isOk()) << r.status().message();
  return r.value();
}

Result<std::string> toAnthropic(const ChatRequest& r) {
  anthropic_messages::EncodeOptions options;
  options.sameDialect = false;
  return anthropic_messages::encodeRequest(r, "c", options);
}

openai_responses::EncodeOptions responsesForeign() {
  openai_responses::EncodeOptions options;
  options.sameDialect = false;
  return options;
}

void expectRefused(const Result<std::string>& r, std::string_view names) {
  ASSERT_FALSE(r.isOk()) << "sent: " << r.value();
  EXPECT_EQ(httpStatusOf(r.status()), 400);
  EXPECT_NE(r.status().message().find(names), std::string::npos) << r.status().message();
}

TEST(CrossDialectRefusalTest, SeveralChoicesAreRefusedByTargetsWithOne) {
  ChatRequest r = chat(R"({"model":"m","n":2,"messages":[{"role":"user","content":"hi"}]})");
  expectRefused(toAnthropic(r), "n:");
  expectRefused(gemini::encodeRequest(r), "n:");
  expectRefused(ollama::encodeRequest(r, "l", {}), "n:");
  expectRefused(openai_responses::encodeRequest(r, "g", responsesForeign()), "n:");
  ChatRequest one = chat(R"({"model":"m","n":1,"messages":[{"role":"user","content":"hi"}]})");
  EXPECT_TRUE(toAnthropic(one).isOk());
}

TEST(CrossDialectRefusalTest, JsonOutputFormatIsRefusedByAnthropic) {
  ChatRequest r = chat(R"({"model":"m","response_format":{"type":"json_object"},"messages":[{"role":"user","content":"hi"}]})");
  expectRefused(toAnthropic(r), "response_format");
  ChatRequest text = chat(R"({"model":"m","response_format":{"type":"text"},"messages":[{"role":"user","content":"hi"}]})");
  EXPECT_TRUE(toAnthropic(text).isOk());
}

TEST(CrossDialectRefusalTest, AnthropicDocumentIsRefusedByChatCompletions) {
  auto r = anthropic_messages::decodeRequest(
      R"({"model":"m","max_tokens":5,"messages":[{"role":"user","content":[{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0="}},{"type":"text","text":"sum"}]}]})");
  ASSERT_TRUE(r.isOk());
  expectRefused(openai_chat::encodeRequest(r.value(), "g", {false}), "document");
}

TEST(CrossDialectRefusalTest, ResponsesInputFileBecomesAChatFilePart) {
  auto r = openai_responses::decodeRequest(
      R"({"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_id":"file-1"}]}]})");
  ASSERT_TRUE(r.isOk());
  auto body = openai_chat::encodeRequest(r.value(), "g", {false});
  ASSERT_TRUE(body.isOk()) << body.status().message();
  EXPECT_EQ(Json::parse(body.value())["messages"][0]["content"][0],
            Json::parse(R"({"type":"file","file":{"file_id":"file-1"}})"));
  auto url = openai_responses::decodeRequest(
      R"({"model":"m","input":[{"role":"user","content":[{"type":"input_file","file_url":"https://x/a.pdf"}]}]})");
  ASSERT_TRUE(url.isOk());
  expectRefused(openai_chat::encodeRequest(url.value(), "g", {false}), "file_url");
}

TEST(CrossDialectErrorTest, OpenAiBadKeyIsAnAnthropicAuthenticationError) {
  Headers none;
  Status s = openai_chat::statusFromUpstreamError(
      401, R"({"error":{"message":"Incorrect API key","type":"invalid_request_error","code":"invalid_api_key"}})", none);
  EXPECT_EQ(anthropic_messages::errorTypeFor(s), "authentication_error");
  // A type that agrees with the status is kept.
  Status overloaded = anthropic_messages::statusFromUpstreamError(
      529, R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})", none);
  EXPECT_EQ(anthropic_messages::errorTypeFor(overloaded), "overloaded_error");
}

TEST(CrossDialectErrorTest, AnthropicPromptTooLongCarriesOpenAisContextCode) {
  Headers none;
  Status s = anthropic_messages::statusFromUpstreamError(
      400, R"({"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 210000 tokens > 200000 maximum"}})", none);
  EXPECT_EQ(s.reason(), "context_length_exceeded");
  EXPECT_EQ(Json::parse(openai_chat::errorBody(s))["error"]["code"], "context_length_exceeded");
}

}  // namespace
}  // namespace gateos::sdk::codec

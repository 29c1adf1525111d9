// Tool schemas travel as raw JSON text (ToolDefinition::parametersJson): the
// request decoders never parse them into a tree and every encoder writes them
// back as the same JSON value, in every direction.
#include <gtest/gtest.h>

#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/gemini.h"
#include "gateos/sdk/codec/ollama_encode_request.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::sdk::codec {
namespace {

// Nested objects, escapes, non-ASCII text, numbers of every kind, an empty
// object and keys out of alphabetical order.
constexpr std::string_view kSchema =
    R"({"type":"object","required":["path"],"properties":{"path":{"type":"string","description":"a \"quoted\" path\nwith \u00e9 and \\ and 日本"},)"
    R"("depth":{"type":"integer","minimum":-3,"maximum":1e3,"multipleOf":0.5},"opts":{"type":"object","properties":{}}},)"
    R"("additionalProperties":false,"$schema":"http://json-schema.org/draft-07/schema#"})";

std::string anthropicBody() {
  return R"({"model":"m","max_tokens":10,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"Read","input_schema":)" +
         std::string(kSchema) + "}]}";
}

Json parsed(const Result<std::string>& encoded) {
  EXPECT_TRUE(encoded.isOk()) << encoded.status().message();
  return encoded.isOk() ? Json::parse(encoded.value()) : Json();
}

TEST(RawToolSchemaTest, DecodersKeepTheSchemaAsText) {
  auto r = anthropic_messages::decodeRequest(anthropicBody());
  ASSERT_TRUE(r.isOk()) << r.status().message();
  const ToolDefinition& tool = r.value().tools.at(0);
  EXPECT_FALSE(tool.parametersJson.empty());
  EXPECT_EQ(tool.schema(), Json::parse(kSchema));
  // The client's key order is kept (a tree would have sorted it).
  EXPECT_LT(tool.parametersJson.find("\"type\""), tool.parametersJson.find("\"required\""));
}

TEST(RawToolSchemaTest, EveryEncoderWritesTheSameSchema) {
  auto r = anthropic_messages::decodeRequest(anthropicBody());
  ASSERT_TRUE(r.isOk()) << r.status().message();
  const ChatRequest& req = r.value();
  const Json schema = Json::parse(kSchema);

  EXPECT_EQ(parsed(openai_chat::encodeRequest(req, "g", openai_chat::EncodeOptions{false}))["tools"][0]["function"]["parameters"], schema);
  openai_responses::EncodeOptions responses;
  responses.sameDialect = false;
  EXPECT_EQ(parsed(openai_responses::encodeRequest(req, "g", responses))["tools"][0]["parameters"], schema);
  EXPECT_EQ(parsed(anthropic_messages::encodeRequest(req, "c"))["tools"][0]["input_schema"], schema);
  EXPECT_EQ(parsed(gemini::encodeRequest(req))["tools"][0]["functionDeclarations"][0]["parametersJsonSchema"], schema);
  EXPECT_EQ(parsed(ollama::encodeRequest(req, "l"))["tools"][0]["function"]["parameters"], schema);
}

TEST(RawToolSchemaTest, ChatAndResponsesSchemasAreKeptAsText) {
  auto chat = openai_chat::decodeRequest(
      R"({"model":"m","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","parameters":)" +
      std::string(kSchema) + "}}]}");
  ASSERT_TRUE(chat.isOk()) << chat.status().message();
  EXPECT_FALSE(chat.value().tools.at(0).parametersJson.empty());
  EXPECT_EQ(parsed(anthropic_messages::encodeRequest(chat.value(), "c"))["tools"][0]["input_schema"], Json::parse(kSchema));

  auto responses = openai_responses::decodeRequest(
      R"({"model":"m","input":"hi","tools":[{"type":"function","name":"f","parameters":)" + std::string(kSchema) + "}]}");
  ASSERT_TRUE(responses.isOk()) << responses.status().message();
  EXPECT_FALSE(responses.value().tools.at(0).parametersJson.empty());
  EXPECT_EQ(parsed(openai_chat::encodeRequest(responses.value(), "g", openai_chat::EncodeOptions{false}))["tools"][0]["function"]["parameters"],
            Json::parse(kSchema));
}

TEST(RawToolSchemaTest, ASchemaThatIsNotAnObjectIsStillRefusedByName) {
  auto r = anthropic_messages::decodeRequest(
      R"({"model":"m","max_tokens":1,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"Read","input_schema":"x"}]})");
  ASSERT_FALSE(r.isOk());
  EXPECT_NE(r.status().message().find("tools[0].input_schema"), std::string::npos) << r.status().message();
}

TEST(RawToolSchemaTest, ATreeSchemaAndInvalidUtf8ElsewhereStillEncode) {
  auto r = anthropic_messages::decodeRequest(anthropicBody());
  ASSERT_TRUE(r.isOk()) << r.status().message();
  ChatRequest req = r.value();
  ToolDefinition byHand;
  byHand.name = "Write";
  byHand.parameters = Json{{"type", "object"}, {"properties", {{"x", {{"type", "string"}}}}}};
  req.tools.push_back(byHand);
  req.messages.back().content.back().text = "bad \xff byte";  // the nlohmann fallback of the writer
  Json body = parsed(openai_chat::encodeRequest(req, "g", openai_chat::EncodeOptions{false}));
  EXPECT_EQ(body["tools"][0]["function"]["parameters"], Json::parse(kSchema));
  EXPECT_EQ(body["tools"][1]["function"]["parameters"], byHand.parameters);
}

}  // namespace
}  // namespace gateos::sdk::codec

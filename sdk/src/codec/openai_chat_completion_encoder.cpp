// CompletionEncoder: canonical events -> one chat.completion JSON body.
#include "gateos/sdk/codec/openai_chat_completion_encoder.h"

#include "gateos/sdk/codec/openai_chat.h"
#include "json_text.h"
#include "usage_json.h"

namespace gateos::sdk::codec::openai_chat {

using OJson = nlohmann::ordered_json;

CompletionEncoder::CompletionEncoder(std::string model, std::int64_t created)
    : model_(std::move(model)), created_(created != 0 ? created : detail::unixNow()) {}

void CompletionEncoder::onEvent(const StreamEvent& event) { accumulator_.add(event); }

void CompletionEncoder::finish(std::string& out) {
  ChatResponse response = accumulator_.take();
  out += encode(response, model_.empty() ? std::string_view(response.model) : std::string_view(model_), created_);
}

std::string CompletionEncoder::encode(const ChatResponse& response, std::string_view model, std::int64_t created) {
  std::string text;
  std::string reasoning;
  OJson calls = OJson::array();
  for (const auto& b : response.content) {
    switch (b.type) {
      case ContentBlock::Type::kText: text += b.text; break;
      case ContentBlock::Type::kReasoning: reasoning += b.text; break;
      case ContentBlock::Type::kToolCall:
        calls.push_back({{"id", b.toolCallId},
                         {"type", "function"},
                         {"function", {{"name", b.toolName}, {"arguments", b.arguments}}}});
        break;
      default: break;
    }
  }
  OJson message = OJson::object();
  message["role"] = "assistant";
  message["content"] = text.empty() && !calls.empty() ? OJson(nullptr) : OJson(text);
  if (!reasoning.empty()) message["reasoning_content"] = reasoning;
  if (!calls.empty()) message["tool_calls"] = std::move(calls);
  message["refusal"] = nullptr;

  OJson body = OJson::object();
  body["id"] = response.id.empty() ? std::string("chatcmpl-gateos") : response.id;
  body["object"] = "chat.completion";
  body["created"] = created;
  body["model"] = std::string(model);
  OJson choice = OJson::object();
  choice["index"] = 0;
  choice["message"] = std::move(message);
  choice["logprobs"] = nullptr;
  choice["finish_reason"] = std::string(finishReasonToString(response.finishReason));
  body["choices"] = OJson::array({std::move(choice)});
  body["usage"] = detail::usageToJson<OJson>(response.usage);
  return body.dump(-1, ' ', false, OJson::error_handler_t::replace);
}

}  // namespace gateos::sdk::codec::openai_chat

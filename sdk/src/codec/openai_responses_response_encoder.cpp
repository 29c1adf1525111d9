// ResponseEncoder: canonical events -> one non-streaming Response object.
#include "gateos/sdk/codec/openai_responses_response_encoder.h"

#include "gateos/sdk/codec/openai_responses.h"
#include "json_text.h"

namespace gateos::sdk::codec::openai_responses {

using detail::appendJsonString;

ResponseEncoder::ResponseEncoder(std::string model, std::int64_t createdAt)
    : model_(std::move(model)), createdAt_(createdAt) {}

void ResponseEncoder::onEvent(const StreamEvent& event) {
  // Anthropic signatures / redacted thinking have no Responses form.
  if (event.type == StreamEvent::Type::kReasoningDelta && !event.name.empty()) return;
  accumulator_.add(event);
}

void ResponseEncoder::finish(std::string& out) {
  out += encode(accumulator_.take(), model_, createdAt_ == 0 ? detail::unixNow() : createdAt_,
                clientNames_.is_null() ? nullptr : &clientNames_);
}

std::string ResponseEncoder::encode(const ChatResponse& response, std::string_view model, std::int64_t createdAt,
                                    const Json* clientNames) {
  std::string id = response.id.empty() ? "resp_gateos"
                   : response.id.starts_with("resp_") ? response.id
                                                      : "resp_" + response.id;
  std::string_view suffix = std::string_view(id).substr(5);
  bool incomplete =
      response.finishReason == FinishReason::kLength || response.finishReason == FinishReason::kContentFilter;
  std::string out = R"({"id":)";
  appendJsonString(out, id);
  out += R"(,"object":"response","created_at":)";
  out += std::to_string(createdAt);
  out += incomplete ? R"(,"status":"incomplete")" : R"(,"status":"completed")";
  out += R"(,"background":false,"error":null,"incomplete_details":)";
  if (incomplete)
    out += response.finishReason == FinishReason::kContentFilter ? R"({"reason":"content_filter"})"
                                                                  : R"({"reason":"max_output_tokens"})";
  else
    out += "null";
  out += R"(,"instructions":null,"metadata":{},"model":)";
  appendJsonString(out, model.empty() ? std::string_view(response.model) : model);
  out += R"(,"output":[)";
  int index = 0;
  for (const auto& b : response.content) {
    OutputItem item;
    item.done = true;
    switch (b.type) {
      case ContentBlock::Type::kText:
        item.kind = OutputItem::Kind::kMessage;
        item.id = "msg_";
        break;
      case ContentBlock::Type::kReasoning:
        if (b.text.empty()) continue;
        item.kind = OutputItem::Kind::kReasoning;
        item.id = "rs_";
        break;
      case ContentBlock::Type::kToolCall:
        item.kind = OutputItem::Kind::kFunctionCall;
        item.id = "fc_";
        item.callId = b.toolCallId.empty() ? "call_" + std::to_string(index) : b.toolCallId;
        item.nameCall(b.toolName, clientNames);
        break;
      default:
        continue;
    }
    item.id.append(suffix).append("_").append(std::to_string(index));
    item.text = b.type == ContentBlock::Type::kToolCall ? b.arguments : b.text;
    if (index > 0) out += ',';
    appendOutputItem(out, item);
    ++index;
  }
  out += R"(],"parallel_tool_calls":true,"tool_choice":"auto","tools":[],"usage":)";
  if (response.hasUsage) appendUsageJson(out, response.usage);
  else out += "null";
  out += '}';
  return out;
}

}  // namespace gateos::sdk::codec::openai_responses

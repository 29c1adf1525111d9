// MessageEncoder: canonical events -> one non-streaming Messages body.
#include "json_fast.h"
#include "gateos/sdk/codec/anthropic_messages_message_encoder.h"

#include "gateos/sdk/codec/anthropic_messages.h"

namespace gateos::sdk::codec::anthropic_messages {

using ET = StreamEvent::Type;

MessageEncoder::MessageEncoder(std::string model) : model_(std::move(model)) {}

ContentBlock& MessageEncoder::block(int index, ContentBlock::Type type) {
  auto [it, inserted] = blocks_.try_emplace(index);
  if (inserted) it->second.type = type;
  return it->second;
}

void MessageEncoder::onEvent(const StreamEvent& e) {
  switch (e.type) {
    case ET::kStart:
      response_.id = std::string(e.id);
      if (!e.name.empty()) response_.model = std::string(e.name);
      return;
    case ET::kTextDelta:
      block(e.index, ContentBlock::Type::kText).text.append(e.text);
      return;
    case ET::kReasoningDelta: {
      auto& b = block(e.index, ContentBlock::Type::kReasoning);
      if (e.name == "signature") {
        std::string sig = b.extra.value("signature", std::string());
        b.extra["signature"] = sig.append(e.id);
      } else if (e.name == "redacted_thinking") {
        b.extra["anthropic_type"] = "redacted_thinking";
        b.extra["data"] = std::string(e.id);
      } else {
        b.text.append(e.text);
      }
      return;
    }
    case ET::kToolCallStart: {
      auto& b = block(e.index, ContentBlock::Type::kToolCall);
      b.toolCallId = std::string(e.id);
      b.toolName = std::string(e.name);
      return;
    }
    case ET::kToolCallDelta:
      block(e.index, ContentBlock::Type::kToolCall).arguments.append(e.text);
      return;
    case ET::kBlockStop:
      return;
    case ET::kUsage:
      response_.usage = e.usage;
      response_.hasUsage = true;
      return;
    case ET::kFinish:
      response_.finishReason = e.finishReason;
      stopSequence_ = std::string(e.text);
      return;
  }
}

void MessageEncoder::finish(std::string& out) {
  for (auto& [index, b] : blocks_) response_.content.push_back(std::move(b));
  blocks_.clear();
  out += encode(response_, model_, stopSequence_);
}

std::string MessageEncoder::encode(const ChatResponse& response, std::string_view model, std::string_view stopSequence) {
  Json content = Json::array();
  for (const auto& b : response.content) {
    switch (b.type) {
      case ContentBlock::Type::kText:
        content.push_back({{"type", "text"}, {"text", b.text}});
        break;
      case ContentBlock::Type::kReasoning:
        if (b.extra.value("anthropic_type", "") == "redacted_thinking")
          content.push_back({{"type", "redacted_thinking"}, {"data", b.extra.value("data", "")}});
        else
          content.push_back({{"type", "thinking"}, {"thinking", b.text}, {"signature", b.extra.value("signature", "")}});
        break;
      case ContentBlock::Type::kToolCall: {
        Json input = b.arguments.empty() ? Json::object() : Json::parse(b.arguments, nullptr, false);
        // Anthropic clients need an object; a model's broken JSON is kept
        // readable instead of failing the whole answer.
        if (input.is_discarded() || !input.is_object()) input = Json{{"_raw_arguments", b.arguments}};
        content.push_back({{"type", "tool_use"}, {"id", b.toolCallId}, {"name", b.toolName}, {"input", std::move(input)}});
        break;
      }
      default:
        break;
    }
  }
  bool isStopSequence = response.finishReason == FinishReason::kStop && !stopSequence.empty();
  Json body = Json::object();
  body["id"] = response.id.empty() ? std::string("msg_gateos") : response.id;
  body["type"] = "message";
  body["role"] = "assistant";
  body["model"] = std::string(model.empty() ? std::string_view(response.model) : model);
  body["content"] = std::move(content);
  body["stop_reason"] = isStopSequence ? std::string_view("stop_sequence") : finishReasonToString(response.finishReason);
  body["stop_sequence"] = isStopSequence ? Json(std::string(stopSequence)) : Json(nullptr);
  body["usage"] = usageToJson(response.usage);
  return detail::dumpJson(body);
}

}  // namespace gateos::sdk::codec::anthropic_messages

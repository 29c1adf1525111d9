// StreamDecoder: upstream Messages SSE events -> canonical events.
#include "json_fast.h"
#include "gateos/sdk/codec/anthropic_messages_stream_decoder.h"

#include "gateos/sdk/codec/anthropic_messages.h"

namespace gateos::sdk::codec::anthropic_messages {
namespace {

using ET = StreamEvent::Type;

Status invalid(std::string message) {
  return Status(StatusCode::kUpstreamError, "invalid stream event: " + std::move(message))
      .withReason("invalid_upstream_response");
}

const std::string* stringField(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

}  // namespace

StreamDecoder::StreamDecoder(Callback onEvent) : onEvent_(std::move(onEvent)) {}

void StreamDecoder::closeOpenBlock() {
  if (openBlock_ < 0) return;
  if (openBlockEmits_) {
    StreamEvent e;
    e.type = ET::kBlockStop;
    e.index = openBlock_;
    onEvent_(e);
  }
  openBlock_ = -1;
  openBlockEmits_ = false;
}

void StreamDecoder::emitFinish() {
  if (finished_) return;
  closeOpenBlock();
  finished_ = true;
  StreamEvent e;
  e.type = ET::kFinish;
  e.finishReason = sawStopReason_ ? finishReason_ : FinishReason::kStop;
  e.text = stopSequence_;
  onEvent_(e);
}

Status StreamDecoder::feed(std::string_view data) {
  if (finished_) return {};
  Json event = detail::parseJsonOrDiscarded(data);
  if (event.is_discarded() || !event.is_object()) return invalid("not a JSON object");
  const std::string* type = stringField(event, "type");
  if (type == nullptr) return invalid("missing type");
  try {
    if (*type == "message_start") {
      const Json& message = event.contains("message") && event["message"].is_object() ? event["message"] : event;
      std::string id = message.value("id", std::string());
      std::string model = message.value("model", std::string());
      if (!started_) {
        started_ = true;
        StreamEvent e;
        e.type = ET::kStart;
        e.id = id;
        e.name = model;
        onEvent_(e);
      }
      if (auto u = message.find("usage"); u != message.end() && u->is_object()) {
        mergeUsage(usage_, *u);
        StreamEvent e;
        e.type = ET::kUsage;
        e.usage = usage_;
        onEvent_(e);
      }
    } else if (*type == "content_block_start") {
      auto block = event.find("content_block");
      if (block == event.end() || !block->is_object()) return invalid("content_block_start without content_block");
      closeOpenBlock();  // a stop that never came
      openBlock_ = event.value("index", 0);
      const std::string blockType = block->value("type", std::string());
      StreamEvent e;
      e.index = openBlock_;
      if (blockType == "text") {
        openBlockEmits_ = true;
        if (const auto* text = stringField(*block, "text"); text != nullptr && !text->empty()) {
          e.type = ET::kTextDelta;
          e.text = *text;
          onEvent_(e);
        }
      } else if (blockType == "thinking") {
        openBlockEmits_ = true;
        if (const auto* text = stringField(*block, "thinking"); text != nullptr && !text->empty()) {
          e.type = ET::kReasoningDelta;
          e.text = *text;
          onEvent_(e);
        }
      } else if (blockType == "redacted_thinking") {
        openBlockEmits_ = true;
        std::string data = block->value("data", std::string());
        e.type = ET::kReasoningDelta;
        e.name = "redacted_thinking";
        e.id = data;
        onEvent_(e);
      } else if (blockType == "tool_use") {
        openBlockEmits_ = true;
        std::string id = block->value("id", std::string());
        std::string name = block->value("name", std::string());
        e.type = ET::kToolCallStart;
        e.id = id;
        e.name = name;
        onEvent_(e);
        if (auto input = block->find("input"); input != block->end() && input->is_object() && !input->empty()) {
          std::string args = input->dump();
          StreamEvent d;
          d.type = ET::kToolCallDelta;
          d.index = openBlock_;
          d.text = args;
          onEvent_(d);
        }
      }
      // server_tool_use, web_search_tool_result …: no canonical form, no events.
    } else if (*type == "content_block_delta") {
      auto delta = event.find("delta");
      if (delta == event.end() || !delta->is_object()) return invalid("content_block_delta without delta");
      int index = event.value("index", 0);
      if (index != openBlock_ || !openBlockEmits_) return {};
      const std::string deltaType = delta->value("type", std::string());
      StreamEvent e;
      e.index = index;
      if (deltaType == "text_delta") {
        e.type = ET::kTextDelta;
        if (const auto* t = stringField(*delta, "text")) e.text = *t;
      } else if (deltaType == "thinking_delta") {
        e.type = ET::kReasoningDelta;
        if (const auto* t = stringField(*delta, "thinking")) e.text = *t;
      } else if (deltaType == "input_json_delta") {
        e.type = ET::kToolCallDelta;
        if (const auto* t = stringField(*delta, "partial_json")) e.text = *t;
      } else if (deltaType == "signature_delta") {
        e.type = ET::kReasoningDelta;
        e.name = "signature";
        if (const auto* t = stringField(*delta, "signature")) e.id = *t;
        if (e.id.empty()) return {};
        onEvent_(e);
        return {};
      } else {
        return {};  // citations_delta and future kinds
      }
      if (!e.text.empty()) onEvent_(e);
    } else if (*type == "content_block_stop") {
      if (event.value("index", 0) == openBlock_) closeOpenBlock();
    } else if (*type == "message_delta") {
      if (auto delta = event.find("delta"); delta != event.end() && delta->is_object()) {
        if (const auto* reason = stringField(*delta, "stop_reason")) {
          sawStopReason_ = true;
          finishReason_ = finishReasonFromString(*reason);
        }
        if (const auto* seq = stringField(*delta, "stop_sequence")) stopSequence_ = *seq;
      }
      if (auto u = event.find("usage"); u != event.end() && u->is_object()) {
        mergeUsage(usage_, *u);
        StreamEvent e;
        e.type = ET::kUsage;
        e.usage = usage_;
        onEvent_(e);
      }
    } else if (*type == "message_stop") {
      emitFinish();
    } else if (*type == "error") {
      std::string errorType = "api_error";
      if (auto err = event.find("error"); err != event.end() && err->is_object())
        errorType = err->value("type", errorType);
      return statusFromUpstreamError(httpStatusForErrorType(errorType), data, Headers{});
    }
    // ping and unknown event types are ignored (the API adds new ones over time).
  } catch (const Json::exception& e) {
    return invalid(e.what());
  }
  return {};
}

Status StreamDecoder::finish() {
  if (finished_) return {};
  if (!sawStopReason_)
    return Status(StatusCode::kUnavailable, "stream ended before the answer was complete").withReason("incomplete_stream");
  emitFinish();
  return {};
}

}  // namespace gateos::sdk::codec::anthropic_messages

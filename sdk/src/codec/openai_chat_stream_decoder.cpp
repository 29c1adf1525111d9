// StreamDecoder and decodeResponse: upstream answers -> canonical events.
#include "json_fast.h"
#include "gateos/sdk/codec/openai_chat_stream_decoder.h"

#include "gateos/sdk/codec/openai_chat.h"
#include "usage_json.h"

namespace gateos::sdk::codec::openai_chat {

FinishReason finishReasonFromString(std::string_view r) noexcept {
  if (r == "stop" || r == "end_turn" || r == "eos") return FinishReason::kStop;
  if (r == "length" || r == "max_tokens") return FinishReason::kLength;
  if (r == "tool_calls" || r == "function_call") return FinishReason::kToolCalls;
  if (r == "content_filter") return FinishReason::kContentFilter;
  if (r == "error") return FinishReason::kError;
  return FinishReason::kStop;
}

std::string_view finishReasonToString(FinishReason reason) noexcept {
  switch (reason) {
    case FinishReason::kNone:
    case FinishReason::kStop: return "stop";
    case FinishReason::kError: return "stop";  // not an OpenAI value; the error travels separately
    default: return toString(reason);
  }
}

StreamDecoder::StreamDecoder(Callback onEvent) : onEvent_(std::move(onEvent)) {}

void StreamDecoder::closeBlock() {
  if (openKind_ == BlockKind::kNone) return;
  StreamEvent e;
  e.type = StreamEvent::Type::kBlockStop;
  e.index = openBlock_;
  onEvent_(e);
  openKind_ = BlockKind::kNone;
  openTool_ = -1;
  openBlock_ = -1;
}

void StreamDecoder::openBlock(BlockKind kind, int toolIndex) {
  if (openKind_ == kind && (kind != BlockKind::kTool || openTool_ == toolIndex)) return;
  closeBlock();
  openKind_ = kind;
  openTool_ = toolIndex;
  if (kind == BlockKind::kTool) {
    auto [it, inserted] = toolBlocks_.try_emplace(toolIndex, nextBlock_);
    if (inserted) ++nextBlock_;
    openBlock_ = it->second;
  } else {
    openBlock_ = nextBlock_++;
  }
}

void StreamDecoder::emitFinish() {
  if (finished_) return;
  closeBlock();
  StreamEvent e;
  e.type = StreamEvent::Type::kFinish;
  e.finishReason = sawFinishReason_ ? finishReason_ : FinishReason::kStop;
  finished_ = true;
  onEvent_(e);
}

Status StreamDecoder::feed(std::string_view data) {
  if (finished_) return {};
  if (data == "[DONE]") {
    emitFinish();
    return {};
  }
  Json chunk = detail::parseJsonOrDiscarded(data);
  if (chunk.is_discarded() || !chunk.is_object())
    return Status(StatusCode::kUpstreamError, "invalid stream chunk: not a JSON object").withReason("invalid_upstream_response");
  if (auto err = chunk.find("error"); err != chunk.end() && !err->is_null())
    return statusFromUpstreamError(502, data, Headers{});
  try {
    auto choices = chunk.find("choices");
    bool hasChoices = choices != chunk.end() && choices->is_array() && !choices->empty();
    std::string id = chunk.value("id", std::string());
    // Azure opens with a chunk holding only prompt_filter_results (empty id,
    // no choices): the answer starts with the first real chunk.
    if (!started_ && (hasChoices || !id.empty() || chunk.contains("usage"))) {
      started_ = true;
      std::string model = chunk.value("model", std::string());
      StreamEvent e;
      e.type = StreamEvent::Type::kStart;
      e.id = id;
      e.name = model;
      onEvent_(e);
    }
    if (choices != chunk.end() && choices->is_array()) {
      for (auto& choice : *choices) {
        if (!choice.is_object() || choice.value("index", 0) != 0) continue;
        if (auto delta = choice.find("delta"); delta != choice.end() && delta->is_object()) {
          for (const char* key : {"reasoning_content", "reasoning"}) {
            auto r = delta->find(key);
            if (r == delta->end() || !r->is_string() || r->get_ref<const std::string&>().empty()) continue;
            openBlock(BlockKind::kReasoning, -1);
            StreamEvent e;
            e.type = StreamEvent::Type::kReasoningDelta;
            e.index = openBlock_;
            e.text = r->get_ref<const std::string&>();
            onEvent_(e);
            break;  // some servers send both spellings with the same text
          }
          for (const char* key : {"content", "refusal"}) {
            auto c = delta->find(key);
            if (c == delta->end() || !c->is_string() || c->get_ref<const std::string&>().empty()) continue;
            openBlock(BlockKind::kText, -1);
            StreamEvent e;
            e.type = StreamEvent::Type::kTextDelta;
            e.index = openBlock_;
            e.text = c->get_ref<const std::string&>();
            onEvent_(e);
          }
          if (auto calls = delta->find("tool_calls"); calls != delta->end() && calls->is_array()) {
            for (auto& call : *calls) {
              if (!call.is_object()) continue;
              int toolIndex = call.value("index", 0);
              bool isNew = !toolBlocks_.contains(toolIndex);
              openBlock(BlockKind::kTool, toolIndex);
              auto fn = call.find("function");
              if (isNew) {
                std::string id = call.value("id", std::string());
                std::string name;
                if (fn != call.end() && fn->is_object()) name = fn->value("name", std::string());
                StreamEvent e;
                e.type = StreamEvent::Type::kToolCallStart;
                e.index = openBlock_;
                e.id = id;
                e.name = name;
                onEvent_(e);
              }
              if (fn != call.end() && fn->is_object()) {
                auto args = fn->find("arguments");
                if (args != fn->end() && args->is_string() && !args->get_ref<const std::string&>().empty()) {
                  StreamEvent e;
                  e.type = StreamEvent::Type::kToolCallDelta;
                  e.index = openBlock_;
                  e.text = args->get_ref<const std::string&>();
                  onEvent_(e);
                }
              }
            }
          }
        }
        if (auto fr = choice.find("finish_reason"); fr != choice.end() && fr->is_string()) {
          sawFinishReason_ = true;
          finishReason_ = finishReasonFromString(fr->get_ref<const std::string&>());
          closeBlock();
        }
      }
    }
    const Json* usage = nullptr;
    if (auto u = chunk.find("usage"); u != chunk.end() && u->is_object()) usage = &*u;
    else if (auto g = chunk.find("x_groq"); g != chunk.end() && g->is_object() && g->contains("usage")) usage = &(*g)["usage"];
    if (usage != nullptr) {
      StreamEvent e;
      e.type = StreamEvent::Type::kUsage;
      e.usage = detail::usageFromJson(*usage);
      onEvent_(e);
    }
  } catch (const Json::exception& e) {
    return Status(StatusCode::kUpstreamError, std::string("invalid stream chunk: ") + e.what())
        .withReason("invalid_upstream_response");
  }
  return {};
}

Status StreamDecoder::finish() {
  if (finished_) return {};
  if (!sawFinishReason_)
    return Status(StatusCode::kUnavailable, "stream ended before the answer was complete").withReason("incomplete_stream");
  emitFinish();
  return {};
}

}  // namespace gateos::sdk::codec::openai_chat

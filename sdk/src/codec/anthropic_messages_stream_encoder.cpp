// StreamEncoder: canonical events -> Messages SSE frames, written by hand (no
// JSON DOM per delta).
#include "gateos/sdk/codec/anthropic_messages_stream_encoder.h"

#include "gateos/sdk/codec/anthropic_messages.h"
#include "json_text.h"

namespace gateos::sdk::codec::anthropic_messages {

using detail::appendJsonString;
using ET = StreamEvent::Type;

StreamEncoder::StreamEncoder(std::string model) : model_(std::move(model)) {}

void StreamEncoder::writeFrame(std::string& out, std::string_view event, std::string_view json) {
  out += "event: ";
  out += event;
  out += "\ndata: ";
  out += json;
  out += "\n\n";
}

void StreamEncoder::ensureStarted(std::string& out) {
  if (started_) return;
  started_ = true;
  pendingStart_ = false;
  Json u = usageToJson(usage_);
  scratch_ = R"({"type":"message_start","message":{"id":)";
  appendJsonString(scratch_, id_.empty() ? std::string_view("msg_gateos") : std::string_view(id_));
  scratch_ += R"(,"type":"message","role":"assistant","model":)";
  appendJsonString(scratch_, model_);
  scratch_ += R"(,"content":[],"stop_reason":null,"stop_sequence":null,"usage":)";
  scratch_ += u.dump();
  scratch_ += "}}";
  writeFrame(out, "message_start", scratch_);
}

void StreamEncoder::stopOpenBlock(std::string& out) {
  if (openIndex_ < 0) return;
  scratch_ = R"({"type":"content_block_stop","index":)";
  scratch_ += std::to_string(openIndex_);
  scratch_ += '}';
  writeFrame(out, "content_block_stop", scratch_);
  openIndex_ = -1;
  openCanonical_ = -1;
}

int StreamEncoder::ensureBlock(int index, Kind kind, std::string& out, std::string_view id, std::string_view name) {
  ensureStarted(out);
  if (openCanonical_ == index && openIndex_ >= 0) return openIndex_;
  if (blocks_.contains(index)) return -1;  // stopped already: Anthropic blocks cannot reopen
  stopOpenBlock(out);
  int anthropicIndex = nextIndex_++;
  blocks_.emplace(index, anthropicIndex);
  openCanonical_ = index;
  openIndex_ = anthropicIndex;
  openKind_ = kind;
  scratch_ = R"({"type":"content_block_start","index":)";
  scratch_ += std::to_string(anthropicIndex);
  scratch_ += R"(,"content_block":)";
  switch (kind) {
    case Kind::kText: scratch_ += R"({"type":"text","text":""})"; break;
    case Kind::kThinking: scratch_ += R"({"type":"thinking","thinking":"","signature":""})"; break;
    case Kind::kToolUse:
      scratch_ += R"({"type":"tool_use","id":)";
      appendJsonString(scratch_, id);
      scratch_ += R"(,"name":)";
      appendJsonString(scratch_, name);
      scratch_ += R"(,"input":{}})";
      break;
    case Kind::kOther:  // redacted_thinking: the whole block is in the start
      scratch_ += R"({"type":"redacted_thinking","data":)";
      appendJsonString(scratch_, id);
      scratch_ += '}';
      break;
  }
  scratch_ += '}';
  writeFrame(out, "content_block_start", scratch_);
  return anthropicIndex;
}

void StreamEncoder::writeDelta(std::string& out, int index, std::string_view deltaJson) {
  scratch_ = R"({"type":"content_block_delta","index":)";
  scratch_ += std::to_string(index);
  scratch_ += R"(,"delta":)";
  scratch_ += deltaJson;
  scratch_ += '}';
  writeFrame(out, "content_block_delta", scratch_);
}

void StreamEncoder::onEvent(const StreamEvent& event, std::string& out) {
  if (finished_) return;
  std::string delta;
  switch (event.type) {
    case ET::kStart:
      if (!event.id.empty()) id_ = std::string(event.id);
      if (model_.empty()) model_ = std::string(event.name);
      pendingStart_ = true;
      return;
    case ET::kUsage:
      usage_ = event.usage;
      // Usage announced right after kStart (an Anthropic upstream's input
      // tokens) goes into message_start, which need not wait any longer.
      if (pendingStart_) ensureStarted(out);
      return;
    case ET::kTextDelta: {
      if (event.text.empty()) return;
      int index = ensureBlock(event.index, Kind::kText, out);
      if (index < 0) return;
      delta = R"({"type":"text_delta","text":)";
      appendJsonString(delta, event.text);
      delta += '}';
      writeDelta(out, index, delta);
      return;
    }
    case ET::kReasoningDelta: {
      if (event.name == "redacted_thinking") {
        ensureBlock(event.index, Kind::kOther, out, event.id);
        return;
      }
      bool signature = event.name == "signature";
      if (signature ? event.id.empty() : event.text.empty()) return;
      int index = ensureBlock(event.index, Kind::kThinking, out);
      if (index < 0 || openKind_ != Kind::kThinking) return;
      if (signature) {
        delta = R"({"type":"signature_delta","signature":)";
        appendJsonString(delta, event.id);
      } else {
        delta = R"({"type":"thinking_delta","thinking":)";
        appendJsonString(delta, event.text);
      }
      delta += '}';
      writeDelta(out, index, delta);
      return;
    }
    case ET::kToolCallStart:
      ensureBlock(event.index, Kind::kToolUse, out, event.id, event.name);
      return;
    case ET::kToolCallDelta: {
      if (event.text.empty()) return;
      int index = ensureBlock(event.index, Kind::kToolUse, out);
      if (index < 0) return;
      delta = R"({"type":"input_json_delta","partial_json":)";
      appendJsonString(delta, event.text);
      delta += '}';
      writeDelta(out, index, delta);
      return;
    }
    case ET::kBlockStop:
      if (event.index == openCanonical_) stopOpenBlock(out);
      return;
    case ET::kFinish: {
      ensureStarted(out);
      stopOpenBlock(out);
      bool stopSequence = event.finishReason == FinishReason::kStop && !event.text.empty();
      scratch_ = R"({"type":"message_delta","delta":{"stop_reason":)";
      appendJsonString(scratch_, stopSequence ? std::string_view("stop_sequence") : finishReasonToString(event.finishReason));
      scratch_ += R"(,"stop_sequence":)";
      if (stopSequence) appendJsonString(scratch_, event.text);
      else scratch_ += "null";
      scratch_ += R"(},"usage":)";
      scratch_ += usageToJson(usage_).dump();
      scratch_ += '}';
      writeFrame(out, "message_delta", scratch_);
      writeFrame(out, "message_stop", R"({"type":"message_stop"})");
      finished_ = true;
      return;
    }
  }
}

void StreamEncoder::finish(std::string& out) {
  if (finished_) return;
  StreamEvent e;
  e.type = ET::kFinish;
  e.finishReason = FinishReason::kStop;
  onEvent(e, out);
}

void StreamEncoder::streamError(const Status& status, std::string& out) {
  writeFrame(out, "error", errorBody(status));
  finished_ = true;
}

}  // namespace gateos::sdk::codec::anthropic_messages

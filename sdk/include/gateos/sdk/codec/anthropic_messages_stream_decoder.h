#pragma once
// Turns an upstream Anthropic Messages stream into canonical events. Feed it
// the payload of every SSE "data:" field (each holds a JSON object whose
// "type" names the event, so the "event:" line is not needed):
//   message_start        → kStart (message.id, message.model), kUsage (input side)
//   content_block_start  → text: kTextDelta if it already holds text;
//                          thinking: kReasoningDelta if it holds text;
//                          redacted_thinking: kReasoningDelta{name "redacted_thinking", id data};
//                          tool_use: kToolCallStart (id, name) (+ kToolCallDelta
//                          if its input is a non-empty object);
//                          other types (server_tool_use …): no events
//   content_block_delta  → text_delta → kTextDelta, thinking_delta →
//                          kReasoningDelta, input_json_delta → kToolCallDelta,
//                          signature_delta → kReasoningDelta{name "signature", id piece}
//   content_block_stop   → kBlockStop
//   message_delta        → remembers stop_reason / stop_sequence; kUsage (merged)
//   message_stop         → kFinish
//   ping                 → nothing
//   error                → returned as the upstream error status
// Canonical block indexes are Anthropic's own content block indexes.
// One decoder per stream, on the stream's executor. Never throws (except bad_alloc).

#include <functional>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::anthropic_messages {

class StreamDecoder {
 public:
  using Callback = std::function<void(const StreamEvent&)>;

  explicit StreamDecoder(Callback onEvent);

  // Decodes one SSE data payload. Returns an error for malformed JSON or an
  // in-stream error event; the stream should then be abandoned.
  Status feed(std::string_view data);

  // End of the upstream body. Emits kFinish if message_stop was missing but a
  // stop_reason was seen; returns kUnavailable if the stream ended early.
  Status finish();

  bool finished() const noexcept { return finished_; }

 private:
  void emitFinish();
  void closeOpenBlock();

  Callback onEvent_;
  bool started_ = false;
  bool finished_ = false;
  bool sawStopReason_ = false;
  FinishReason finishReason_ = FinishReason::kNone;
  std::string stopSequence_;
  Usage usage_;
  int openBlock_ = -1;  // index of the block started and not yet stopped
  bool openBlockEmits_ = false;  // that block produces canonical events
};

}  // namespace gateos::sdk::codec::anthropic_messages

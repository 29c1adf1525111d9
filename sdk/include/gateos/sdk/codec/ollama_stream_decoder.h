#pragma once
// Turns an upstream Ollama /api/chat NDJSON stream into canonical events. Feed
// it every line (one JSON object each):
//   first line            → kStart (id empty, model)
//   message.thinking      → kReasoningDelta
//   message.content       → kTextDelta
//   message.tool_calls[]  → per call kToolCallStart (id or a new one, name),
//                           kToolCallDelta (arguments as JSON text), kBlockStop
//   "done": true          → kBlockStop of the open block, kUsage
//                           (prompt_eval_count / eval_count), kFinish (done_reason;
//                           kToolCalls when the answer called a tool: Ollama says "stop")
//   {"error": "…"}        → returned as an upstream error
// One decoder per stream, on the stream's executor. Never throws (except bad_alloc).

#include <functional>
#include <memory>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::detail {
class PartEvents;
}

namespace gateos::sdk::codec::ollama {

class StreamDecoder {
 public:
  using Callback = std::function<void(const StreamEvent&)>;

  explicit StreamDecoder(Callback onEvent);
  ~StreamDecoder();
  StreamDecoder(const StreamDecoder&) = delete;
  StreamDecoder& operator=(const StreamDecoder&) = delete;

  // Decodes one NDJSON line. Returns an error for malformed JSON or an
  // in-stream error; the stream should then be abandoned.
  Status feed(std::string_view line);
  // Decodes one already parsed chunk (decodeResponse uses it).
  Status feedChunk(const Json& chunk);

  // End of the upstream body: kUnavailable if no "done": true line came.
  Status finish();

  bool finished() const noexcept;

 private:
  Callback onEvent_;
  std::unique_ptr<detail::PartEvents> events_;
};

}  // namespace gateos::sdk::codec::ollama

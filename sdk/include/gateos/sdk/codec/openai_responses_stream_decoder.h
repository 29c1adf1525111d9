#pragma once
// Turns an upstream Responses SSE stream into canonical events. Feed it the
// payload of every SSE "data:" field (each JSON object names its event in
// "type", so the "event:" line is not needed). Canonical block index = the
// item's output_index.
//   response.created                    → kStart (response.id, response.model)
//   response.output_item.added          → function_call: kToolCallStart (call_id, name)
//   response.output_text.delta,
//   response.refusal.delta              → kTextDelta
//   response.reasoning_summary_text.delta,
//   response.reasoning_text.delta       → kReasoningDelta ("\n\n" between summary parts)
//   response.function_call_arguments.delta → kToolCallDelta
//   response.output_item.done           → the item's whole text / arguments if no
//                                         delta carried them, then kBlockStop
//   response.completed / .incomplete    → kUsage, kFinish (tool_calls when the
//                                         output holds a function call; length /
//                                         content_filter for incomplete ones)
//   response.failed, error              → returned as the upstream error status
// Items of other types (web_search_call …) produce no events.
// One decoder per stream, on the stream's executor. Never throws (except bad_alloc).

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::openai_responses {

class StreamDecoder {
 public:
  using Callback = std::function<void(const StreamEvent&)>;

  explicit StreamDecoder(Callback onEvent);

  // Decodes one SSE data payload. Returns an error for malformed JSON or a
  // failed response; the stream should then be abandoned.
  Status feed(std::string_view data);

  // End of the upstream body: kUnavailable ("incomplete_stream") if
  // response.completed never came.
  Status finish();

  bool finished() const noexcept { return finished_; }

 private:
  enum class Kind { kMessage, kReasoning, kFunctionCall, kOther };
  struct Item {
    Kind kind = Kind::kOther;
    bool started = false;   // kToolCallStart sent
    bool emitted = false;   // a delta carried content
    bool stopped = false;
    int summaryIndex = -1;  // last reasoning summary part seen
  };

  Status onItem(const Json& data, bool done);
  void emitStart(const Json& response);
  void emitEnd(const Json& response, bool incomplete);
  void emit(StreamEvent::Type type, int index, std::string_view text, std::string_view id = {},
            std::string_view name = {});

  Callback onEvent_;
  bool started_ = false;
  bool finished_ = false;
  bool sawFunctionCall_ = false;
  std::map<int, Item> items_;  // by output_index
};

}  // namespace gateos::sdk::codec::openai_responses

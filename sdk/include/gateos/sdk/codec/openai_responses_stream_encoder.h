#pragma once
// Encodes canonical events as a Responses SSE stream for a client, every frame
// "event: <type>\ndata: {…,"sequence_number":n}\n\n":
//   response.created, response.in_progress (at the first event);
//   per canonical block one output item, numbered 0,1,… in order of appearance:
//     text:      output_item.added (message), content_part.added,
//                output_text.delta*, output_text.done, content_part.done, output_item.done
//     reasoning: output_item.added (reasoning), reasoning_summary_part.added,
//                reasoning_summary_text.delta*, reasoning_summary_text.done,
//                reasoning_summary_part.done, output_item.done
//     tool call: output_item.added (function_call), function_call_arguments.delta*,
//                function_call_arguments.done, output_item.done; a call of a
//                freeform tool (see mapToolNames): output_item.added
//                (custom_tool_call), custom_tool_call_input.delta (whole input,
//                at the end), custom_tool_call_input.done, output_item.done
//   items still open at the end are closed; then response.completed (or
//   response.incomplete for a length / content-filter stop) with the whole
//   output and usage. Codex needs output_item.done (it takes the text from
//   there) and response.completed.
// One encoder per response, used on the request's executor; never throws
// (except bad_alloc).

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::openai_responses {

// One output item as the encoders build it (shared by the SSE and JSON encoders).
struct OutputItem {
  enum class Kind { kMessage, kReasoning, kFunctionCall };
  Kind kind = Kind::kMessage;
  std::string id;      // msg_… / rs_… / fc_…
  std::string text;    // message text, reasoning summary, or call arguments
  std::string callId;  // kFunctionCall
  std::string name;    // kFunctionCall: the client's name
  std::string ns;      // kFunctionCall: the client's namespace of the function, if any
  bool custom = false;  // kFunctionCall: a freeform tool's call (custom_tool_call; text holds {"input": …})
  bool done = false;

  // Sets name / ns / custom for the tool the model called by `upstreamName`,
  // from decodeRequest's client tool names (kClientToolNames); null: none.
  void nameCall(std::string_view upstreamName, const Json* clientNames);
};

// Appends the item as JSON ({"id","type":"message",…}).
void appendOutputItem(std::string& out, const OutputItem& item);

class StreamEncoder {
 public:
  // `model` as the client asked (kStart's model if empty); `createdAt` unix seconds, 0 = now.
  explicit StreamEncoder(std::string model = {}, std::int64_t createdAt = 0);

  // Appends the frames for `event` to `out`.
  void onEvent(const StreamEvent& event, std::string& out);

  // Closes open items and appends response.completed / response.incomplete. Call once.
  void finish(std::string& out);

  // Appends response.failed and an error event (the answer broke off).
  void streamError(const Status& status, std::string& out);

  // The client's names of tools decodeRequest renamed for another dialect
  // (request.extra[kClientToolNames]): calls become function_call items with
  // their `namespace`, or custom_tool_call items. Call before the first event.
  void mapToolNames(Json clientNames) { clientNames_ = std::move(clientNames); }

 private:
  void ensureStarted(std::string& out);
  OutputItem& ensureItem(int index, OutputItem::Kind kind, std::string& out, std::string_view callId = {},
                         std::string_view name = {});
  void closeItem(int outputIndex, std::string& out);
  void beginFrame(std::string& out, std::string_view type);
  void endFrame(std::string& out);
  void appendItemRef(std::string& out, int outputIndex);
  void appendResponse(std::string& out, std::string_view status, const Status* error);

  std::string model_;
  std::int64_t createdAt_;
  std::string id_;
  bool started_ = false;
  bool finished_ = false;
  std::int64_t sequence_ = 0;
  Usage usage_;
  bool hasUsage_ = false;
  FinishReason finishReason_ = FinishReason::kNone;
  std::map<int, int> outputIndex_;  // canonical block index -> output index
  std::vector<OutputItem> items_;   // by output index
  Json clientNames_;                // null: no renamed tools
};

}  // namespace gateos::sdk::codec::openai_responses

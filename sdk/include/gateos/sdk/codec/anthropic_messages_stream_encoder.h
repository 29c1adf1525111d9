#pragma once
// Encodes canonical events as an Anthropic Messages SSE stream for a client,
// every frame "event: <type>\ndata: {…}\n\n":
//   message_start (deferred to the next event, so that usage announced right
//   after kStart shows in it) → per block content_block_start, its deltas
//   (text_delta, thinking_delta, signature_delta, input_json_delta),
//   content_block_stop → message_delta (stop_reason, stop_sequence,
//   usage.output_tokens …) → message_stop.
// Canonical block indexes are renumbered 0,1,… in order of appearance; a block
// still open when another one starts (or at kFinish) is stopped first, because
// Claude Code drops a block that never got its content_block_stop.
// One encoder per response, used on the request's executor; never throws
// (except bad_alloc).

#include <map>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::anthropic_messages {

class StreamEncoder {
 public:
  // `model` is the name the client asked for (kStart's model if empty).
  explicit StreamEncoder(std::string model = {});

  // Appends the frames for `event` to `out`.
  void onEvent(const StreamEvent& event, std::string& out);

  // Closes the stream if kFinish never came (an open block is stopped,
  // message_delta with end_turn, message_stop). Call once.
  void finish(std::string& out);

  // Appends an in-stream error: event: error / data: {"type":"error",…}.
  void streamError(const Status& status, std::string& out);

 private:
  enum class Kind { kText, kThinking, kToolUse, kOther };
  void ensureStarted(std::string& out);
  // Returns the Anthropic index for canonical `index`, starting the block (and
  // stopping the previous one) if needed; -1 when the block was already stopped.
  int ensureBlock(int index, Kind kind, std::string& out, std::string_view id = {}, std::string_view name = {});
  void stopOpenBlock(std::string& out);
  void writeFrame(std::string& out, std::string_view event, std::string_view json);
  void writeDelta(std::string& out, int index, std::string_view deltaJson);

  std::string model_;
  std::string id_;
  bool pendingStart_ = false;  // kStart seen, message_start not yet written
  bool started_ = false;
  bool finished_ = false;
  Usage usage_;
  std::map<int, int> blocks_;  // canonical index -> Anthropic index
  int openCanonical_ = -1;
  int openIndex_ = -1;
  Kind openKind_ = Kind::kOther;
  int nextIndex_ = 0;
  std::string scratch_;
};

}  // namespace gateos::sdk::codec::anthropic_messages

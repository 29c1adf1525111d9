#pragma once
// Turns an upstream Chat Completions stream into canonical events. Feed it the
// payload of every SSE "data:" event (one chat.completion.chunk JSON, or
// "[DONE]"); it calls back with canonical events:
//   kStart (id, model) on the first chunk;
//   kReasoningDelta for delta.reasoning_content / delta.reasoning;
//   kTextDelta for delta.content (and delta.refusal);
//   kToolCallStart (id, name) then kToolCallDelta (argument pieces) per tool call;
//   kBlockStop when a block ends (another block starts, or finish);
//   kUsage from a usage object (usually the final "choices": [] chunk);
//   kFinish with the mapped finish_reason, at "[DONE]" or finish().
// Canonical block indexes are assigned in order of appearance (text, reasoning
// and each tool call get distinct indexes). Only choice 0 is decoded.
// One decoder per stream, on the stream's executor. Never throws (except bad_alloc).

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::openai_chat {

class StreamDecoder {
 public:
  using Callback = std::function<void(const StreamEvent&)>;

  explicit StreamDecoder(Callback onEvent);

  // Decodes one SSE data payload. Returns an error for malformed JSON or an
  // in-stream {"error":…} object; the stream should then be abandoned.
  Status feed(std::string_view data);

  // End of the upstream body. Emits kFinish if it has not been emitted yet and a
  // finish_reason was seen; returns kUnavailable if the stream ended early
  // (no finish_reason and no [DONE]).
  Status finish();

  bool finished() const noexcept { return finished_; }

 private:
  enum class BlockKind { kNone, kText, kReasoning, kTool };
  void openBlock(BlockKind kind, int toolIndex);
  void closeBlock();
  void emitFinish();

  Callback onEvent_;
  bool started_ = false;
  bool finished_ = false;
  bool sawFinishReason_ = false;
  FinishReason finishReason_ = FinishReason::kNone;
  int nextBlock_ = 0;
  BlockKind openKind_ = BlockKind::kNone;
  int openTool_ = -1;   // OpenAI tool_calls[].index of the open block
  int openBlock_ = -1;  // canonical index of the open block
  std::map<int, int> toolBlocks_;  // OpenAI tool index -> canonical block index
};

}  // namespace gateos::sdk::codec::openai_chat

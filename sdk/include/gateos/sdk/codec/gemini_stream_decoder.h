#pragma once
// Turns an upstream streamGenerateContent?alt=sse stream into canonical
// events. Feed it the payload of every SSE "data:" event (one
// GenerateContentResponse each):
//   first chunk                  → kStart (responseId, modelVersion)
//   candidates[0].content.parts  → text: kTextDelta; "thought": true:
//                                  kReasoningDelta; functionCall: kToolCallStart
//                                  (id, name) + kToolCallDelta (args) + kBlockStop
//   usageMetadata                → remembered (the last one wins)
//   finishReason                 → remembered, the open block closed
//   promptFeedback.blockReason   → finish kContentFilter
//   {"error": …}                 → returned as the upstream error
// finish() (end of the body) emits kUsage and kFinish, or kUnavailable when no
// finishReason came. One decoder per stream, on its executor. Never throws
// (except bad_alloc).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::detail {
class PartEvents;
}

namespace gateos::sdk::codec::gemini {

class StreamDecoder {
 public:
  using Callback = std::function<void(const StreamEvent&)>;

  explicit StreamDecoder(Callback onEvent);
  ~StreamDecoder();
  StreamDecoder(const StreamDecoder&) = delete;
  StreamDecoder& operator=(const StreamDecoder&) = delete;

  // Decodes one SSE data payload.
  Status feed(std::string_view data);
  // Decodes one already parsed chunk (decodeResponse uses it).
  Status feedChunk(const Json& chunk);
  // End of the upstream body.
  Status finish();

 private:
  Callback onEvent_;
  std::unique_ptr<detail::PartEvents> events_;
  std::optional<FinishReason> finishReason_;
  std::optional<Usage> usage_;
  std::string finishName_;
};

}  // namespace gateos::sdk::codec::gemini

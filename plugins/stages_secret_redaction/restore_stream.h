#pragma once
// Puts the originals back into the answer: every placeholder of this
// conversation in text, reasoning and tool-call argument deltas is replaced
// by its value (JSON-escaped inside tool-call arguments). A delta that ends
// with what could be the start of a placeholder keeps only that suffix back
// (at most kPlaceholderMaxLength bytes) until the next delta of the same
// block; whatever is held is released at the block's end, at kFinish and in
// onEnd. Unknown placeholders pass through unchanged. One per request.

#include <map>
#include <memory>
#include <string>
#include <utility>

#include "conversation_store.h"
#include "gateos/sdk/stage.h"

namespace gateos::plugins::stages::secret_redaction {

class RestoreStream final : public sdk::StageStream {
 public:
  explicit RestoreStream(std::shared_ptr<Conversation> conversation) : conversation_(std::move(conversation)) {}

  void onEvent(const sdk::StreamEvent& event, sdk::EventSink& next) noexcept override;
  void onEnd(sdk::EventSink& next) noexcept override;

  std::size_t restoredCount() const noexcept { return restored_; }

 private:
  using Channel = std::pair<sdk::StreamEvent::Type, int>;  // delta type, block index

  void process(const sdk::StreamEvent& event, sdk::EventSink& next);
  void flush(const Channel& channel, std::string& held, sdk::EventSink& next);
  void flushAll(sdk::EventSink& next);
  void flushIndex(int index, sdk::EventSink& next);

  std::shared_ptr<Conversation> conversation_;
  std::map<Channel, std::string> held_;
  std::string work_;
  std::string out_;
  std::size_t restored_ = 0;
};

}  // namespace gateos::plugins::stages::secret_redaction

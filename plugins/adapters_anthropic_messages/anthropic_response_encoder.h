#pragma once
// The sdk::ResponseEncoder of the Anthropic dialect: an SSE stream
// (codec StreamEncoder) or one message JSON (codec MessageEncoder).

#include <string>

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/codec/anthropic_messages.h"

namespace gateos::plugins::adapters::anthropic_messages {

class AnthropicResponseEncoder final : public sdk::ResponseEncoder {
 public:
  AnthropicResponseEncoder(bool stream, std::string model);

  std::string_view contentType() const noexcept override;
  void onEvent(const sdk::StreamEvent& event, std::string& out) noexcept override;
  void finish(std::string& out) noexcept override;
  void streamError(const sdk::Status& status, std::string& out) noexcept override;

 private:
  bool stream_;
  sdk::codec::anthropic_messages::StreamEncoder events_;
  sdk::codec::anthropic_messages::MessageEncoder message_;
};

}  // namespace gateos::plugins::adapters::anthropic_messages

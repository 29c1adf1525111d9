#include "anthropic_response_encoder.h"

namespace gateos::plugins::adapters::anthropic_messages {

namespace codec = sdk::codec::anthropic_messages;

AnthropicResponseEncoder::AnthropicResponseEncoder(bool stream, std::string model)
    : stream_(stream), events_(model), message_(std::move(model)) {}

std::string_view AnthropicResponseEncoder::contentType() const noexcept {
  return stream_ ? std::string_view("text/event-stream") : std::string_view("application/json");
}

// bad_alloc is the only exception the codec can raise; the answer is then
// incomplete and the kernel's end-of-stream handling reports it.
void AnthropicResponseEncoder::onEvent(const sdk::StreamEvent& event, std::string& out) noexcept {
  try {
    if (stream_)
      events_.onEvent(event, out);
    else
      message_.onEvent(event);
  } catch (...) {
  }
}

void AnthropicResponseEncoder::finish(std::string& out) noexcept {
  try {
    if (stream_)
      events_.finish(out);
    else
      message_.finish(out);
  } catch (...) {
  }
}

void AnthropicResponseEncoder::streamError(const sdk::Status& status, std::string& out) noexcept {
  try {
    events_.streamError(status, out);
  } catch (...) {
  }
}

}  // namespace gateos::plugins::adapters::anthropic_messages

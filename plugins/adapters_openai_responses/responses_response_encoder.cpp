#include "responses_response_encoder.h"

#include "gateos/sdk/codec/openai_chat.h"

namespace gateos::plugins::adapters::openai_responses {

ResponsesResponseEncoder::ResponsesResponseEncoder(bool stream, std::string model)
    : stream_(stream), events_(model), response_(std::move(model)) {}

void ResponsesResponseEncoder::mapToolNames(const sdk::Json& clientNames) {
  events_.mapToolNames(clientNames);
  response_.mapToolNames(clientNames);
}

std::string_view ResponsesResponseEncoder::contentType() const noexcept {
  return stream_ ? std::string_view("text/event-stream") : std::string_view("application/json");
}

// bad_alloc is the only exception the codec can raise; the answer is then
// incomplete and the kernel's end-of-stream handling reports it.
void ResponsesResponseEncoder::onEvent(const sdk::StreamEvent& event, std::string& out) noexcept {
  try {
    if (stream_)
      events_.onEvent(event, out);
    else
      response_.onEvent(event);
  } catch (...) {
  }
}

void ResponsesResponseEncoder::finish(std::string& out) noexcept {
  try {
    if (stream_)
      events_.finish(out);
    else
      response_.finish(out);
  } catch (...) {
  }
}

void ResponsesResponseEncoder::streamError(const sdk::Status& status, std::string& out) noexcept {
  try {
    if (stream_)
      events_.streamError(status, out);
    else  // a whole answer that broke off is answered with the error object alone
      out += sdk::codec::openai_chat::errorBody(status);
  } catch (...) {
  }
}

}  // namespace gateos::plugins::adapters::openai_responses

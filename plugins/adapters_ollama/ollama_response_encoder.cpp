#include "ollama_response_encoder.h"

namespace gateos::plugins::adapters::ollama {

namespace codec = sdk::codec::ollama;

OllamaResponseEncoder::OllamaResponseEncoder(codec::Endpoint endpoint, bool stream, std::string model)
    : stream_(stream), encoder_(endpoint, stream, std::move(model)) {}

std::string_view OllamaResponseEncoder::contentType() const noexcept {
  return stream_ ? codec::kNdjsonContentType : std::string_view("application/json; charset=utf-8");
}

// bad_alloc is the only exception the codec can raise; the answer is then
// incomplete and the kernel's end-of-stream handling reports it.
void OllamaResponseEncoder::onEvent(const sdk::StreamEvent& event, std::string& out) noexcept {
  try {
    encoder_.onEvent(event, out);
  } catch (...) {
  }
}

void OllamaResponseEncoder::finish(std::string& out) noexcept {
  try {
    encoder_.finish(out);
  } catch (...) {
  }
}

void OllamaResponseEncoder::streamError(const sdk::Status& status, std::string& out) noexcept {
  try {
    encoder_.streamError(status, out);
  } catch (...) {
  }
}

}  // namespace gateos::plugins::adapters::ollama

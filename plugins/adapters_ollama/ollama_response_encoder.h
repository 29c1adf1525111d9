#pragma once
// The sdk::ResponseEncoder of the Ollama dialect: NDJSON lines while streaming
// (Ollama's default), one JSON object otherwise (codec AnswerEncoder).

#include <string>

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/codec/ollama_encode_response.h"

namespace gateos::plugins::adapters::ollama {

class OllamaResponseEncoder final : public sdk::ResponseEncoder {
 public:
  OllamaResponseEncoder(sdk::codec::ollama::Endpoint endpoint, bool stream, std::string model);

  std::string_view contentType() const noexcept override;
  void onEvent(const sdk::StreamEvent& event, std::string& out) noexcept override;
  void finish(std::string& out) noexcept override;
  void streamError(const sdk::Status& status, std::string& out) noexcept override;

 private:
  bool stream_;
  sdk::codec::ollama::AnswerEncoder encoder_;
};

}  // namespace gateos::plugins::adapters::ollama

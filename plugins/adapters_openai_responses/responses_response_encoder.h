#pragma once
// The sdk::ResponseEncoder of the Responses dialect: an SSE stream (codec
// StreamEncoder) or one Response JSON (codec ResponseEncoder).

#include <string>

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::plugins::adapters::openai_responses {

class ResponsesResponseEncoder final : public sdk::ResponseEncoder {
 public:
  ResponsesResponseEncoder(bool stream, std::string model);

  std::string_view contentType() const noexcept override;
  void onEvent(const sdk::StreamEvent& event, std::string& out) noexcept override;
  void finish(std::string& out) noexcept override;
  void streamError(const sdk::Status& status, std::string& out) noexcept override;

  // See sdk::codec::openai_responses::StreamEncoder::mapToolNames.
  void mapToolNames(const sdk::Json& clientNames);

 private:
  bool stream_;
  sdk::codec::openai_responses::StreamEncoder events_;
  sdk::codec::openai_responses::ResponseEncoder response_;
};

}  // namespace gateos::plugins::adapters::openai_responses

#pragma once
// Encodes canonical events as one non-streaming Response object:
// {"id","object":"response","created_at","status":"completed"|"incomplete",
//  "model","output":[items…],"usage":{…},…}
// Items in canonical index order: message (output_text), reasoning (summary),
// function_call. Events are collected with sdk::ResponseAccumulator.
// One encoder per response; never throws (except bad_alloc).

#include <cstdint>
#include <string>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/response_accumulator.h"

namespace gateos::sdk::codec::openai_responses {

class ResponseEncoder {
 public:
  // `model` as the client asked (kStart's model if empty); `createdAt` unix seconds, 0 = now.
  explicit ResponseEncoder(std::string model = {}, std::int64_t createdAt = 0);

  void onEvent(const StreamEvent& event);

  // As StreamEncoder::mapToolNames.
  void mapToolNames(Json clientNames) { clientNames_ = std::move(clientNames); }

  // Appends the whole JSON body to `out`. Call once.
  void finish(std::string& out);

  // The body for an already accumulated response (used by finish()).
  static std::string encode(const ChatResponse& response, std::string_view model, std::int64_t createdAt,
                            const Json* clientNames = nullptr);

 private:
  std::string model_;
  std::int64_t createdAt_;
  ResponseAccumulator accumulator_;
  Json clientNames_;
};

}  // namespace gateos::sdk::codec::openai_responses

#pragma once
// Encodes canonical events as one non-streaming chat.completion JSON body:
// {"id","object":"chat.completion","created","model","choices":[{"index":0,
//  "message":{"role":"assistant","content","tool_calls"?,"reasoning_content"?},
//  "logprobs":null,"finish_reason"}],"usage":{prompt_tokens,completion_tokens,total_tokens,…}}
// Events are collected with sdk::ResponseAccumulator. One encoder per response;
// never throws (except bad_alloc).

#include <cstdint>
#include <string>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/response_accumulator.h"

namespace gateos::sdk::codec::openai_chat {

class CompletionEncoder {
 public:
  // `model` as the client asked (kStart's model if empty); `created` unix seconds, 0 = now.
  explicit CompletionEncoder(std::string model = {}, std::int64_t created = 0);

  void onEvent(const StreamEvent& event);

  // Appends the whole JSON body to `out`. Call once.
  void finish(std::string& out);

  // The body for an already accumulated response (used by finish()).
  static std::string encode(const ChatResponse& response, std::string_view model, std::int64_t created);

 private:
  std::string model_;
  std::int64_t created_;
  ResponseAccumulator accumulator_;
};

}  // namespace gateos::sdk::codec::openai_chat

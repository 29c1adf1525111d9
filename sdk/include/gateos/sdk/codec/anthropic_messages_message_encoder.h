#pragma once
// Encodes canonical events as one non-streaming Messages body:
// {"id","type":"message","role":"assistant","model","content":[…],
//  "stop_reason","stop_sequence","usage":{input_tokens,output_tokens,
//  cache_creation_input_tokens?,cache_read_input_tokens?}}
// Content blocks in canonical index order: text, thinking (with signature),
// redacted_thinking, tool_use (arguments JSON text parsed into `input`).
// One encoder per response; never throws (except bad_alloc).

#include <map>
#include <string>

#include "gateos/sdk/canonical.h"

namespace gateos::sdk::codec::anthropic_messages {

class MessageEncoder {
 public:
  // `model` as the client asked (kStart's model if empty).
  explicit MessageEncoder(std::string model = {});

  void onEvent(const StreamEvent& event);

  // Appends the whole JSON body to `out`. Call once.
  void finish(std::string& out);

  // The body for a whole answer (used by finish()). `stopSequence` is the
  // matched stop sequence, if any.
  static std::string encode(const ChatResponse& response, std::string_view model,
                            std::string_view stopSequence = {});

 private:
  ContentBlock& block(int index, ContentBlock::Type type);

  std::string model_;
  ChatResponse response_;
  std::string stopSequence_;
  std::map<int, ContentBlock> blocks_;
};

}  // namespace gateos::sdk::codec::anthropic_messages

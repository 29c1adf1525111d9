#pragma once
// Fast-path reads of a Responses body with simdjson (no DOM allocation per
// field): validation of the fields the kernel needs.

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/status.h"

namespace simdjson::dom {
class parser;
}

namespace gateos::plugins::adapters::openai_responses {

// simdjson parsers reused across requests (their buffers grow to the largest
// body seen). Owned by the plugin object rather than thread_local, so that no
// thread-exit destructor pins the library after the plugin is unloaded.
// (The same pool as adapters.anthropic_messages': plugins share no code but the SDK.)
class ParserPool {
 public:
  ParserPool();
  ~ParserPool();
  std::unique_ptr<simdjson::dom::parser> acquire();
  void release(std::unique_ptr<simdjson::dom::parser> parser) noexcept;

 private:
  static constexpr std::size_t kMaxIdle = 16;
  std::mutex mutex_;
  std::vector<std::unique_ptr<simdjson::dom::parser>> idle_;
};

// Validates the JSON and the types of model (string, required), input (string
// or array of objects), instructions (string), stream (boolean),
// max_output_tokens (integer), temperature / top_p (numbers), tools (array).
// Errors are kInvalidArgument naming the field in message and param
// ("max_output_tokens: expected integer, got string").
sdk::Result<sdk::RequestSummary> summarizeResponses(ParserPool& pool, std::string_view body) noexcept;

}  // namespace gateos::plugins::adapters::openai_responses

#pragma once
// Fast-path reads of a Messages body with simdjson (no DOM allocation per
// field): validation of the fields the kernel needs, and the local
// count_tokens estimate.

#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/status.h"

namespace simdjson::dom {
class parser;
}

namespace gateos::plugins::adapters::anthropic_messages {

// simdjson parsers reused across requests (their buffers grow to the largest
// body seen). Owned by the plugin object rather than thread_local, so that no
// thread-exit destructor pins the library after the plugin is unloaded.
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

// Validates the JSON and the types of model (string, required), messages
// (array of objects with a string role, required), stream (boolean),
// max_tokens (integer), system (string or array), tools (array). Errors are
// kInvalidArgument naming the field ("max_tokens: expected integer, got string").
sdk::Result<sdk::RequestSummary> summarizeMessages(ParserPool& pool, std::string_view body) noexcept;

// An estimate of the prompt's tokens, not the provider's tokenizer: the
// characters of every string in system, messages and tool_choice plus the
// compact JSON of tools, divided by 4 (rounded up), plus 1600 per base64 image
// or document (Anthropic's cap for one image) and 3 per message.
sdk::Result<std::int64_t> estimateInputTokens(ParserPool& pool, std::string_view body) noexcept;

}  // namespace gateos::plugins::adapters::anthropic_messages

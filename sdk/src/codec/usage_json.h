#pragma once
// OpenAI usage objects <-> canonical Usage.

#include "gateos/sdk/canonical.h"

namespace gateos::sdk::codec::detail {

inline int64_t intField(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_number() ? it->get<int64_t>() : 0;
}

inline Usage usageFromJson(const Json& u) {
  Usage usage;
  usage.inputTokens = intField(u, "prompt_tokens");
  usage.outputTokens = intField(u, "completion_tokens");
  if (auto d = u.find("prompt_tokens_details"); d != u.end() && d->is_object())
    usage.cacheReadTokens = intField(*d, "cached_tokens");
  if (auto d = u.find("completion_tokens_details"); d != u.end() && d->is_object())
    usage.reasoningTokens = intField(*d, "reasoning_tokens");
  return usage;
}

template <class J>
J usageToJson(const Usage& usage) {
  J u = J::object();
  u["prompt_tokens"] = usage.inputTokens;
  u["completion_tokens"] = usage.outputTokens;
  u["total_tokens"] = usage.totalTokens();
  if (usage.cacheReadTokens > 0) u["prompt_tokens_details"] = J{{"cached_tokens", usage.cacheReadTokens}};
  if (usage.reasoningTokens > 0) u["completion_tokens_details"] = J{{"reasoning_tokens", usage.reasoningTokens}};
  return u;
}

}  // namespace gateos::sdk::codec::detail

#pragma once
// A guess of an encoded request body's size, so that an encoder's output is
// reserved once instead of growing (and being copied) five times on the way to
// a coding agent's ~80 KB.

#include <cstddef>

#include "gateos/sdk/canonical.h"

namespace gateos::sdk::codec::detail {

inline std::size_t estimatedBodySize(const ChatRequest& request) {
  std::size_t n = 1024;
  for (const auto& m : request.messages)
    for (const auto& b : m.content) n += 64 + b.text.size() + b.arguments.size() + b.data.size() + b.url.size();
  for (const auto& t : request.tools) n += 64 + t.name.size() + t.description.size() + t.parametersJson.size();
  return n + n / 8;  // escapes, field names
}

}  // namespace gateos::sdk::codec::detail

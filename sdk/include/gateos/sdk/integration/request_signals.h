#pragma once
// Cheap reads of a request for Integration::recognizes / extract: headers and
// byte scans of the raw body (no parse). Hot path: no throw, few allocations.

#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/request_context.h"

namespace gateos::sdk::integration {

// The header's value, or "" (also when the request carries no headers).
std::string_view header(const InboundRequest& request, std::string_view name) noexcept;

// Whether the User-Agent starts with `prefix` (case-sensitive: product tokens are).
bool userAgentStartsWith(const InboundRequest& request, std::string_view prefix) noexcept;

// "python" for "src/app.py" …; "" when the extension is not known.
std::string_view languageOfPath(std::string_view path) noexcept;

// Adds the string values of JSON members named `key` found anywhere in `body`
// — plain ("key":"v") or inside an encoded JSON string (\"key\":\"v\"), as tool
// arguments are — as FileRefs (deduplicated, at most `limit` files in `out`).
void collectFilePaths(std::string_view body, std::string_view key, std::vector<FileRef>& out,
                      std::size_t limit = 32) noexcept;

}  // namespace gateos::sdk::integration

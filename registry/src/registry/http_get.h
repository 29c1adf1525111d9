#pragma once
// A blocking HTTP(S) GET with timeouts, redirects and a size cap (Poco::Net).

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

#include "gateos/sdk/status.h"

namespace gateos::registry {

struct HttpGetOptions {
  std::chrono::milliseconds timeout{30000};
  std::uint64_t maxBytes = 0;  // body larger than this: kPayloadTooLarge
  int maxRedirects = 5;
};

// Streams the body of a 200 answer into `out`; `received` counts body bytes.
// Errors (lower case, no URL prefix): "connection refused", "timed out",
// "host not found", "HTTP 404 Not Found", "larger than N bytes".
sdk::Status httpGet(const std::string& url, std::ostream& out, const HttpGetOptions& options,
                    std::uint64_t& received);

}  // namespace gateos::registry

#pragma once
// The parts of an upstream URL the client needs: scheme, host, port and the
// request target. Only absolute http:// and https:// URLs are accepted.

#include <cstdint>
#include <string>
#include <string_view>

#include "gateos/sdk/status.h"

namespace gateos::kernel::net {

struct UpstreamUrl {
  bool tls = false;
  std::string host;        // without brackets for IPv6 literals ("::1")
  std::uint16_t port = 0;  // 80 / 443 unless given
  std::string target;      // path and query, at least "/"; never the fragment
  std::string hostHeader;  // "host", "host:port" or "[::1]:port" as sent in Host

  // "https://host:port": the pool key and the prefix of error messages.
  std::string authority() const;
};

// Parses `url`; kInvalidArgument "invalid url '<url>': <why>" when it is not one.
sdk::Result<UpstreamUrl> parseUpstreamUrl(std::string_view url);

}  // namespace gateos::kernel::net

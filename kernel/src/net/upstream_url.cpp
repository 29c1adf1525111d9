#include "net/upstream_url.h"

#include <charconv>

#include "gateos/sdk/headers.h"

namespace gateos::kernel::net {
namespace {

sdk::Status invalid(std::string_view url, std::string_view why) {
  return {sdk::StatusCode::kInvalidArgument, "invalid url '" + std::string(url) + "': " + std::string(why)};
}

bool startsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && sdk::Headers::equalsIgnoreCase(s.substr(0, prefix.size()), prefix);
}

// Characters that would let a URL smuggle bytes into the request line or Host.
bool hasControlOrSpace(std::string_view s) {
  for (unsigned char c : s)
    if (c <= 0x20 || c == 0x7f) return true;
  return false;
}

}  // namespace

std::string UpstreamUrl::authority() const {
  std::string out = tls ? "https://" : "http://";
  if (host.find(':') != std::string::npos) {
    out += '[';
    out += host;
    out += ']';
  } else {
    out += host;
  }
  out += ':';
  out += std::to_string(port);
  return out;
}

sdk::Result<UpstreamUrl> parseUpstreamUrl(std::string_view url) {
  UpstreamUrl out;
  std::string_view rest;
  if (startsWithIgnoreCase(url, "https://")) {
    out.tls = true;
    rest = url.substr(8);
  } else if (startsWithIgnoreCase(url, "http://")) {
    rest = url.substr(7);
  } else {
    return invalid(url, "scheme must be http or https");
  }
  if (hasControlOrSpace(url)) return invalid(url, "contains spaces or control characters");

  const auto authorityEnd = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, authorityEnd);
  std::string_view tail = authorityEnd == std::string_view::npos ? std::string_view{} : rest.substr(authorityEnd);
  if (authority.find('@') != std::string_view::npos) return invalid(url, "user info is not supported");

  std::string_view host;
  std::string_view portText;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return invalid(url, "unterminated ipv6 literal");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return invalid(url, "unexpected characters after ipv6 literal");
      portText = after.substr(1);
      if (portText.empty()) return invalid(url, "empty port");
    }
  } else {
    const auto colon = authority.find(':');
    host = authority.substr(0, colon);
    if (colon != std::string_view::npos) {
      portText = authority.substr(colon + 1);
      if (portText.empty()) return invalid(url, "empty port");
    }
  }
  if (host.empty()) return invalid(url, "missing host");

  out.port = out.tls ? 443 : 80;
  if (!portText.empty()) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), value);
    if (ec != std::errc() || end != portText.data() + portText.size() || value == 0 || value > 65535)
      return invalid(url, "bad port");
    out.port = static_cast<std::uint16_t>(value);
  }
  out.host.assign(host);

  // The fragment never goes on the wire.
  tail = tail.substr(0, tail.find('#'));
  if (tail.empty()) {
    out.target = "/";
  } else if (tail.front() == '?') {
    out.target = "/";
    out.target += tail;
  } else {
    out.target.assign(tail);
  }

  const bool ipv6 = out.host.find(':') != std::string::npos;
  out.hostHeader = ipv6 ? "[" + out.host + "]" : out.host;
  const bool defaultPort = out.port == (out.tls ? 443 : 80);
  if (!defaultPort) out.hostHeader += ":" + std::to_string(out.port);
  return out;
}

}  // namespace gateos::kernel::net

#include "core/ui/admin_auth.h"

#include <sodium.h>

namespace gateos::kernel::core::ui {

using sdk::Status;
using sdk::StatusCode;

namespace {

std::string_view trim(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool safeMethod(std::string_view method) noexcept { return method == "GET" || method == "HEAD" || method == "OPTIONS"; }

bool sameSecret(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// "http://127.0.0.1:8080" → "127.0.0.1:8080"; empty when not an http(s) origin.
std::string_view originHost(std::string_view origin) noexcept {
  for (std::string_view scheme : {"http://", "https://"})
    if (origin.starts_with(scheme)) return origin.substr(scheme.size());
  return {};
}

}  // namespace

std::string_view cookieValue(std::string_view header, std::string_view name) noexcept {
  while (!header.empty()) {
    auto semi = header.find(';');
    std::string_view pair = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    if (trim(pair.substr(0, eq)) == name) {
      std::string_view value = trim(pair.substr(eq + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      return value;
    }
  }
  return {};
}

std::string_view presentedAdminToken(const sdk::Headers& headers) noexcept {
  std::string_view auth = headers.get("authorization");
  if (auth.size() > 7 && sdk::Headers::equalsIgnoreCase(auth.substr(0, 7), "Bearer ")) return trim(auth.substr(7));
  return headers.get("x-admin-token");
}

bool AdminAuth::isPublic(std::string_view method, std::string_view path) noexcept {
  return method == "POST" && (path == "/session" || path == "/session/");
}

Status AdminAuth::authorize(std::string_view method, const sdk::Headers& headers) const {
  if (std::string_view token = presentedAdminToken(headers); !token.empty()) {
    if (verifyToken(token)) return {};
    return Status(StatusCode::kUnauthenticated, "wrong admin token");
  }
  std::string_view sessionId = cookieValue(headers.get("cookie"), kSessionCookie);
  if (sessionId.empty())
    return Status(StatusCode::kUnauthenticated,
                  "admin credential required: sign in to the web UI or send Authorization: Bearer <admin token>");
  auto csrf = sessions_.touch(sessionId);
  if (!csrf) return Status(StatusCode::kUnauthenticated, "session expired or signed out: sign in again");
  if (safeMethod(method)) return {};
  if (!sameSecret(headers.get(kCsrfHeader), *csrf))
    return Status(StatusCode::kPermissionDenied, "missing or wrong x-csrf-token header for this session");
  // Defence in depth next to SameSite=Strict and the token: a browser that says
  // where the request came from must say it came from this server.
  if (std::string_view origin = headers.get("origin"); !origin.empty()) {
    std::string_view host = headers.get("host");
    if (host.empty() || originHost(origin) != host)
      return Status(StatusCode::kPermissionDenied, "cross-origin admin request refused");
  }
  return {};
}

}  // namespace gateos::kernel::core::ui

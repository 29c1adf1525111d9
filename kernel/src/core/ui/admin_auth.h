#pragma once
// Who may call the admin API. Two credentials are accepted:
//   - Authorization: Bearer <admin token> (the CLI, scripts): any method;
//   - the web UI's session cookie: GET/HEAD/OPTIONS as is; every other method
//     also needs the session's CSRF token in x-csrf-token (and, when the browser
//     sends Origin, the same origin as the Host it called).
// A wrong bearer token fails even when a valid cookie is present.

#include <functional>
#include <string>
#include <string_view>

#include "core/ui/admin_sessions.h"
#include "gateos/sdk/headers.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::core::ui {

inline constexpr std::string_view kSessionCookie = "gateos_session";
inline constexpr std::string_view kCsrfHeader = "x-csrf-token";

// The value of cookie `name` in a Cookie header ("a=1; b=2"), empty when absent.
std::string_view cookieValue(std::string_view cookieHeader, std::string_view name) noexcept;

// The admin token presented as "Authorization: Bearer …" or x-admin-token, empty when none.
std::string_view presentedAdminToken(const sdk::Headers& headers) noexcept;

class AdminAuth {
 public:
  AdminAuth(std::function<bool(std::string_view)> verifyToken, AdminSessions& sessions)
      : verifyToken_(std::move(verifyToken)), sessions_(sessions) {}

  // OK, or kUnauthenticated (no or wrong credential) / kPermissionDenied (CSRF).
  sdk::Status authorize(std::string_view method, const sdk::Headers& headers) const;

  // Routes reachable without a credential: signing in.
  static bool isPublic(std::string_view method, std::string_view path) noexcept;

  // authorize() for every route but the public ones (path below /admin/api/v1).
  sdk::Status authorizeRoute(std::string_view method, std::string_view path, const sdk::Headers& headers) const {
    return isPublic(method, path) ? sdk::Status() : authorize(method, headers);
  }

  bool verifyToken(std::string_view token) const { return !token.empty() && verifyToken_(token); }
  AdminSessions& sessions() const noexcept { return sessions_; }

 private:
  std::function<bool(std::string_view)> verifyToken_;
  AdminSessions& sessions_;
};

}  // namespace gateos::kernel::core::ui

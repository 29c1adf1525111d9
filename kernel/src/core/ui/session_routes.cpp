#include "core/ui/session_routes.h"

#include <fmt/format.h>

namespace gateos::kernel::core::ui {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

// HttpOnly: page scripts never see the id. SameSite=Strict: other sites' pages
// never make the browser send it. No Secure: the kernel serves plain HTTP on
// loopback by default (a TLS-terminating proxy in front may add it).
std::string sessionCookie(std::string_view id, std::chrono::seconds maxAge) {
  return fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}", kSessionCookie, id, maxAge.count());
}

std::string clearedCookie() { return fmt::format("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0", kSessionCookie); }

}  // namespace

void registerSessionRoutes(AdminRouter& router, const AdminAuth& auth) {
  router.add("POST", "session", [&auth](const AdminRequest& r) {
    if (!r.bodyIsObject()) return AdminReply::error(Status(StatusCode::kInvalidArgument, "expected a JSON object {\"token\": …}"));
    std::string token = r.bodyString("token");
    if (token.empty()) return AdminReply::error(Status(StatusCode::kInvalidArgument, "token: required (the admin token)"));
    if (!auth.verifyToken(token)) return AdminReply::error(Status(StatusCode::kUnauthenticated, "wrong admin token"));
    auto created = auth.sessions().create();
    auto lifetime = auth.sessions().options().lifetime;
    AdminReply reply = AdminReply::json(Json{{"authenticated", true},
                                             {"csrf_token", created.csrf},
                                             {"expires_in", lifetime.count()},
                                             {"idle_timeout", auth.sessions().options().idleTimeout.count()}});
    reply.headers.emplace_back("set-cookie", sessionCookie(created.id, lifetime));
    return reply;
  });

  // Reaching a handler means the request was authorized (token or session).
  router.add("GET", "session", [&auth](const AdminRequest& r) {
    std::string_view id = cookieValue(r.headers.get("cookie"), kSessionCookie);
    if (presentedAdminToken(r.headers).empty() && !id.empty()) {
      if (auto csrf = auth.sessions().touch(id))
        return AdminReply::json(Json{{"authenticated", true}, {"via", "session"}, {"csrf_token", *csrf}});
    }
    return AdminReply::json(Json{{"authenticated", true}, {"via", "token"}});
  });

  router.add("DELETE", "session", [&auth](const AdminRequest& r) {
    auth.sessions().destroy(cookieValue(r.headers.get("cookie"), kSessionCookie));
    AdminReply reply = AdminReply::noContent();
    reply.headers.emplace_back("set-cookie", clearedCookie());
    return reply;
  });
}

}  // namespace gateos::kernel::core::ui

#pragma once
// The admin API's route table. Each feature registers its own routes from its
// own file (see registerCoreRoutes in core_routes.cpp for the pattern), so the
// API grows without one dispatch function everybody edits.
//
//   router.add("GET", "providers/{name}", [&](const AdminRequest& r) { ... r.param(0) ... });
//
// Patterns are paths below /admin/api/v1 with `{name}` segments that capture one
// path segment each (in order: r.param(0), r.param(1) ...), or a trailing `{*}`
// that captures the rest of the path (slashes included).
// Synchronous handlers run on the worker pool and may block (database, files);
// async handlers start work that completes later (e.g. a network call) and call
// `done` exactly once, from any thread.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/headers.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::core {

struct AdminReply {
  int status = 200;
  sdk::Json body;  // null: no body (e.g. 204)
  std::vector<std::pair<std::string, std::string>> headers;  // extra response headers (e.g. set-cookie)

  static AdminReply error(const sdk::Status& status);
  static AdminReply json(sdk::Json body, int status = 200) { return {status, std::move(body), {}}; }
  static AdminReply noContent() { return {204, sdk::Json(), {}}; }
  // OK status → `okStatus` with no body; error → error reply.
  static AdminReply from(const sdk::Status& status, int okStatus = 204);
  // OK result → `okStatus` with the value as body; error → error reply.
  static AdminReply from(sdk::Result<sdk::Json> result, int okStatus = 200);
};

struct AdminRequest {
  std::string method;
  std::string path;   // below the API prefix, e.g. "/providers/openai"
  std::string query;  // raw query string without '?'
  std::vector<std::string> params;  // captured {segments}, percent-decoded
  sdk::Json body;                   // parsed JSON body (null when empty)
  sdk::Headers headers;
  std::string remoteAddress;

  const std::string& param(std::size_t i) const { return params.at(i); }
  // Percent-decoded value of a query parameter, nullopt when absent.
  std::optional<std::string> queryParam(std::string_view name) const;
  // String member of the JSON body, empty when missing or not a string.
  std::string bodyString(std::string_view key) const;
  bool bodyIsObject() const { return body.is_object(); }
};

using AdminHandler = std::function<AdminReply(const AdminRequest&)>;
using AdminAsyncHandler = std::function<void(const AdminRequest&, std::function<void(AdminReply)> done)>;

class AdminRouter {
 public:
  void add(std::string method, std::string_view pattern, AdminHandler handler);
  void addAsync(std::string method, std::string_view pattern, AdminAsyncHandler handler);

  struct Match {
    const AdminHandler* handler = nullptr;       // exactly one of the two is set
    const AdminAsyncHandler* asyncHandler = nullptr;
    std::vector<std::string> params;
  };
  // nullopt: no route for the path; Match with no handler: path known, method not allowed.
  std::optional<Match> match(std::string_view method, std::string_view path) const;

  // "GET providers/{name}" lines, for diagnostics and the docs check.
  std::vector<std::string> describe() const;

 private:
  struct Route {
    std::string method;
    std::vector<std::string> segments;  // literal, "{}" or "{*}"
    AdminHandler handler;
    AdminAsyncHandler asyncHandler;
  };
  void addRoute(Route route, std::string_view pattern);
  std::vector<Route> routes_;
};

// Splits "/providers/openai/test" into {"providers","openai","test"}.
std::vector<std::string> splitPath(std::string_view path);

}  // namespace gateos::kernel::core

#pragma once
// The admin API under /admin/api/v1 (described in docs/openapi/admin.yaml):
// authenticates the admin credential, parses JSON, finds the route in the
// AdminRouter, runs synchronous handlers on the worker pool and answers on the
// connection's event loop.

#include <functional>
#include <memory>
#include <string>

#include <boost/asio/thread_pool.hpp>

#include "core/admin/admin_router.h"
#include "net/server_request.h"

namespace gateos::kernel::core {

class AdminApi {
 public:
  // Decides whether a request may call the admin API (path below the prefix, e.g.
  // "/session"): OK, or the status to answer with (401/403).
  using Authorizer =
      std::function<sdk::Status(std::string_view method, std::string_view path, const sdk::Headers& headers)>;

  AdminApi(Authorizer authorize, boost::asio::thread_pool& workers)
      : authorize_(std::move(authorize)), workers_(workers) {}

  // Register routes before the server starts; the table is read-only afterwards.
  AdminRouter& router() noexcept { return router_; }

  void handle(net::ServerRequest& request, std::shared_ptr<net::ResponseWriter> writer);

 private:
  AdminRouter router_;
  Authorizer authorize_;
  boost::asio::thread_pool& workers_;
};

}  // namespace gateos::kernel::core

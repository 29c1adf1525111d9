#pragma once
// The admin API under /admin/api/v1 (described in docs/openapi/admin.yaml):
// authenticates the admin credential, parses JSON, runs the operation on the
// worker pool and answers on the connection's event loop.

#include <functional>
#include <memory>
#include <string>

#include <boost/asio/thread_pool.hpp>

#include "core/kernel_control.h"
#include "net/server_request.h"

namespace gateos::kernel::core {

class AdminApi {
 public:
  AdminApi(KernelControl& control, std::function<bool(std::string_view)> verifyAdmin, boost::asio::thread_pool& workers)
      : control_(control), verifyAdmin_(std::move(verifyAdmin)), workers_(workers) {}

  void handle(net::ServerRequest& request, std::shared_ptr<net::ResponseWriter> writer);

 private:
  struct Reply {
    int status = 200;
    sdk::Json body;
  };
  Reply dispatch(const std::string& method, const std::string& path, const sdk::Json& body);
  static Reply error(const sdk::Status& status);

  KernelControl& control_;
  std::function<bool(std::string_view)> verifyAdmin_;
  boost::asio::thread_pool& workers_;
};

}  // namespace gateos::kernel::core

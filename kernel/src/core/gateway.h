#pragma once
// The kernel's request handler: routes each HTTP request to health and metrics,
// the admin API, or a dialect adapter, after authenticating the gateway key.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/gateway_services.h"
#include "net/server_request.h"

namespace gateos::kernel::core {

class AdminApi;

class Gateway final : public net::RequestHandler {
 public:
  Gateway(GatewayServices& services, AdminApi& admin);

  // Registers a dialect's routes (the built-in OpenAI adapter, adapter plugins).
  void addAdapter(std::shared_ptr<const sdk::Adapter> adapter);

  void handle(net::ServerRequest& request, std::shared_ptr<net::ResponseWriter> writer) override;

 private:
  struct Route {
    std::shared_ptr<const sdk::Adapter> adapter;
    std::string operation;
  };

  std::optional<GatewayKeyInfo> authenticate(const net::ServerRequest& request) const;
  void listModels(net::ResponseWriter& writer, const std::string& requestId);
  void sendError(net::ResponseWriter& writer, const sdk::Adapter* adapter, const sdk::Status& status,
                 const std::string& requestId);
  std::string nextRequestId();

  GatewayServices& services_;
  AdminApi& admin_;
  std::map<std::string, Route> routes_;  // "POST /v1/chat/completions"
  std::shared_ptr<const sdk::Adapter> defaultAdapter_;  // error format for unknown /v1 paths
  std::string requestIdPrefix_;
  std::atomic<uint64_t> requestCounter_{0};
};

}  // namespace gateos::kernel::core

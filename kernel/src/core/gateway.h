#pragma once
// The kernel's request handler: routes each HTTP request to health and metrics,
// the admin API, or a dialect adapter, after authenticating the gateway key.

#include <atomic>
#include <map>
#include <mutex>
#include <memory>
#include <string>
#include <vector>

#include "core/gateway_services.h"
#include "net/server_request.h"

namespace gateos::kernel::core {

class AdminApi;
namespace ui {
class UiHandler;
}

class Gateway final : public net::RequestHandler {
 public:
  Gateway(GatewayServices& services, AdminApi& admin);

  // Serves the web UI for GET/HEAD outside the APIs (optional; must outlive the gateway).
  void setUi(const ui::UiHandler* ui) noexcept { ui_ = ui; }

  // Registers a built-in dialect's routes (the OpenAI adapter). Control thread.
  void addAdapter(std::shared_ptr<const sdk::Adapter> adapter);
  // Replaces the adapter plugins' routes (after an install, enable, disable,
  // upgrade or remove). Requests already routed keep their adapter alive; the
  // next request sees the new table. Control thread.
  void setPluginAdapters(std::vector<std::shared_ptr<const sdk::Adapter>> adapters);

  void handle(net::ServerRequest& request, std::shared_ptr<net::ResponseWriter> writer) override;

 private:
  struct Route {
    std::shared_ptr<const sdk::Adapter> adapter;
    std::string operation;
  };
  // An immutable route table, swapped whole when adapters change.
  struct RouteTable {
    std::map<std::string, Route> routes;                 // "POST /v1/chat/completions"
    std::shared_ptr<const sdk::Adapter> defaultAdapter;  // error format for unknown /v1 paths
  };

  std::optional<GatewayKeyInfo> authenticate(const net::ServerRequest& request) const;
  void listModels(net::ResponseWriter& writer, const std::string& requestId);
  void sendError(net::ResponseWriter& writer, const sdk::Adapter* adapter, const sdk::Status& status,
                 const std::string& requestId, const RouteTable& table);
  std::string nextRequestId();
  void publishRoutes();  // routesMutex_ held

  GatewayServices& services_;
  AdminApi& admin_;
  const ui::UiHandler* ui_ = nullptr;

  std::mutex routesMutex_;
  std::vector<std::shared_ptr<const sdk::Adapter>> builtInAdapters_;
  std::vector<std::shared_ptr<const sdk::Adapter>> pluginAdapters_;
  std::atomic<std::shared_ptr<const RouteTable>> routes_{std::make_shared<const RouteTable>()};
  std::string requestIdPrefix_;
  std::atomic<uint64_t> requestCounter_{0};
};

}  // namespace gateos::kernel::core

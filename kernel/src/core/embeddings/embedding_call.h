#pragma once
// One embeddings request (OpenAI /v1/embeddings, Ollama /api/embed …): decode
// through the dialect's adapter, route like chat (provider/model or alias),
// Provider::embed, encode the answer in the dialect. Lives on the connection's
// event loop; owned by shared_ptr until the answer was written.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/gateway_services.h"
#include "gateos/sdk/adapter.h"
#include "gateos/sdk/driver.h"
#include "net/server_request.h"

namespace gateos::kernel::core {

class EmbeddingCall : public std::enable_shared_from_this<EmbeddingCall> {
 public:
  // `adapterLifetime` keeps an adapter plugin's generation (and library)
  // loaded until the call is gone.
  EmbeddingCall(GatewayServices& services, const sdk::Adapter& adapter, net::ServerRequest&& request,
                std::shared_ptr<net::ResponseWriter> writer, GatewayKeyInfo key, std::string requestId,
                std::shared_ptr<const void> adapterLifetime = {});
  ~EmbeddingCall();

  void start();

 private:
  void onDone(sdk::Result<sdk::EmbeddingResponse> result);
  void fail(const sdk::Status& status);
  void finishMetrics(int status);
  sdk::InboundRequest inbound() const;

  std::shared_ptr<const void> adapterLifetime_;  // destroyed last
  GatewayServices& services_;
  const sdk::Adapter& adapter_;
  net::ServerRequest request_;
  std::shared_ptr<net::ResponseWriter> writer_;
  GatewayKeyInfo key_;
  sdk::CancellationSignal cancellation_;
  sdk::RequestContext context_;
  std::optional<sdk::EmbeddingRequest> decoded_;
  std::optional<ResolvedModel> route_;
  std::unique_ptr<sdk::UpstreamCallHandle> upstream_;
  bool completed_ = false;
  std::chrono::steady_clock::time_point started_;
};

}  // namespace gateos::kernel::core

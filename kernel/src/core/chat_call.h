#pragma once
// One chat request from decode to last byte: routing, stages, the driver call,
// and encoding the answer in the client's dialect. Lives on the connection's
// event loop; owned by shared_ptr until the response completed.

#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "core/gateway_services.h"
#include "core/notice_injector.h"
#include "gateos/sdk/adapter.h"
#include "gateos/sdk/driver.h"
#include "net/server_request.h"

namespace gateos::kernel::core {

class ChatCall : public std::enable_shared_from_this<ChatCall> {
 public:
  // `adapterLifetime` keeps an adapter plugin's generation (and library) alive
  // for the whole call, even when the plugin is disabled or upgraded meanwhile.
  ChatCall(GatewayServices& services, const sdk::Adapter& adapter, net::ServerRequest&& request,
           std::shared_ptr<net::ResponseWriter> writer, GatewayKeyInfo key, std::string requestId,
           std::shared_ptr<const void> adapterLifetime = {});
  ~ChatCall();

  // "chat" (default) or "count_tokens": the latter passes through to a
  // provider of the client's own dialect and is otherwise answered by the
  // adapter's local estimate (also when a stage would have to see the body).
  void setOperation(std::string_view operation) { operation_ = operation; }

  void start();

  // ResponseSink callbacks (through an adapter object holding a weak reference).
  void onHead(const sdk::ResponseHead& head);
  void onBytes(std::string_view bytes);
  void onEvent(const sdk::StreamEvent& event);
  void onComplete(const sdk::Status& status);

 private:
  void fail(const sdk::Status& status);
  void answerLocally();
  void emitToClient(const sdk::StreamEvent& event);
  void encode(const sdk::StreamEvent& event);
  void finishMetrics(int status);
  void cancelUpstream();
  sdk::Headers baseHeaders(std::string_view contentType) const;
  void runStages(const sdk::StreamEvent& event, std::size_t index);
  void endStages();
  sdk::Result<std::string> chooseModel(const sdk::InboundRequest& inbound, const sdk::ModelCatalog& catalog);

  class StageLink;
  class Sink;

  GatewayServices& services_;
  std::shared_ptr<const void> adapterLifetime_;  // destroyed after everything the adapter made
  const sdk::Adapter& adapter_;
  net::ServerRequest request_;  // moved in: the call may outlive the connection
  std::shared_ptr<net::ResponseWriter> writer_;
  GatewayKeyInfo key_;

  sdk::CancellationSignal cancellation_;
  sdk::RequestContext context_;
  sdk::RequestSummary summary_;
  std::optional<sdk::ChatRequest> canonical_;
  std::string upstreamBody_;
  std::optional<ResolvedModel> route_;
  std::vector<ActivePolicy> policies_;
  std::string routeHeader_;  // X-GateOS-Route when a policy chose the model
  std::string omittedToolsHeader_;  // x-gateos-omitted-tools: built-in tools left out by translation
  std::vector<ActiveStage> stages_;
  std::vector<std::unique_ptr<sdk::StageStream>> stageStreams_;  // reverse pipeline order
  std::unique_ptr<sdk::ResponseEncoder> encoder_;
  NoticeInjector notices_;
  std::unique_ptr<sdk::UpstreamCallHandle> upstream_;

  std::string_view operation_ = "chat";  // a literal: routes' operations outlive no call
  bool headSent_ = false;
  bool passthrough_ = false;
  bool buffered_ = false;  // non-streaming pass-through: answer collected, sent whole
  std::string contentType_;
  bool streaming_ = false;
  bool completed_ = false;
  bool countedStream_ = false;
  int status_ = 200;
  std::string out_;  // reused output buffer
  std::chrono::steady_clock::time_point started_;
};

}  // namespace gateos::kernel::core

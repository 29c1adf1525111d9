#include "core/gateway.h"

#include <fmt/format.h>
#include <sodium.h>

#include "core/admin_api.h"
#include "core/chat_call.h"
#include "core/embeddings/embedding_call.h"
#include "core/integrations/client_prefix.h"
#include "core/model_listing.h"
#include "core/workspaces/request_workspace.h"
#include "core/ui/ui_handler.h"

namespace gateos::kernel::core {

using sdk::Status;
using sdk::StatusCode;

namespace {

std::string_view bearerToken(std::string_view authorization) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() > kBearer.size() &&
      sdk::Headers::equalsIgnoreCase(authorization.substr(0, kBearer.size()), kBearer))
    return authorization.substr(kBearer.size());
  return {};
}

sdk::Headers plainHeaders(std::string_view contentType) {
  sdk::Headers h;
  h.add("content-type", std::string(contentType));
  return h;
}

}  // namespace

Gateway::Gateway(GatewayServices& services, AdminApi& admin) : services_(services), admin_(admin) {
  unsigned char random[4];
  randombytes_buf(random, sizeof random);
  requestIdPrefix_ = fmt::format("req_{:02x}{:02x}{:02x}{:02x}", random[0], random[1], random[2], random[3]);
}

void Gateway::addAdapter(std::shared_ptr<const sdk::Adapter> adapter) {
  std::lock_guard lock(routesMutex_);
  builtInAdapters_.push_back(std::move(adapter));
  publishRoutes();
}

void Gateway::setPluginAdapters(std::vector<std::shared_ptr<const sdk::Adapter>> adapters) {
  std::lock_guard lock(routesMutex_);
  pluginAdapters_ = std::move(adapters);
  publishRoutes();
}

void Gateway::publishRoutes() {
  auto table = std::make_shared<RouteTable>();
  for (const auto* list : {&builtInAdapters_, &pluginAdapters_})
    for (const auto& adapter : *list) {
      if (!table->defaultAdapter) table->defaultAdapter = adapter;
      for (const auto& route : adapter->routes())
        table->routes[route.method + " " + route.path] = Route{adapter, route.operation};
    }
  routes_.store(std::move(table), std::memory_order_release);
}

std::string Gateway::nextRequestId() {
  return fmt::format("{}{:08x}", requestIdPrefix_, requestCounter_.fetch_add(1, std::memory_order_relaxed));
}

std::optional<GatewayKeyInfo> Gateway::authenticate(const net::ServerRequest& request) const {
  std::string_view key = bearerToken(request.headers.get("authorization"));
  if (key.empty()) key = request.headers.get("x-api-key");
  if (key.empty()) return std::nullopt;
  return services_.verifyKey(key);
}

void Gateway::sendError(net::ResponseWriter& writer, const sdk::Adapter* adapter, const Status& status,
                        const std::string& requestId, const RouteTable& table) {
  const sdk::Adapter* format = adapter ? adapter : table.defaultAdapter.get();
  auto headers = plainHeaders("application/json");
  headers.add("x-request-id", requestId);
  if (status.code() == StatusCode::kUnauthenticated) headers.add("www-authenticate", "Bearer");
  int code = sdk::httpStatusOf(status);
  services_.metrics->requestFinished(code, "unknown", "none", 0);
  writer.send(code, std::move(headers), format->renderError(status));
}

void Gateway::handle(net::ServerRequest& request, std::shared_ptr<net::ResponseWriter> writer) {
  const std::string& path = request.path;
  if (path == "/healthz") return writer->send(200, plainHeaders("application/json"), R"({"status":"ok"})");
  if (path == "/readyz") {
    if (services_.draining.load()) return writer->send(503, plainHeaders("application/json"), R"({"status":"draining"})");
    return writer->send(200, plainHeaders("application/json"), R"({"status":"ready"})");
  }
  if (path == "/metrics")
    return writer->send(200, plainHeaders("text/plain; version=0.0.4"), services_.metrics->registry().render());
  if (path.starts_with("/admin/api/")) return admin_.handle(request, std::move(writer));
  // Claude Code probes the base URL with HEAD / before its first request: the UI answers 200.
  if (path == "/" && (request.method == "HEAD" || request.method == "GET") && !ui_)
    return writer->send(200, plainHeaders("text/plain"), request.method == "HEAD" ? "" : "GateOS\n");

  // /w/<name>/v1/... : the same routes, in workspace <name>.
  // /c/<client>/… : labels the request with that client (core/integrations/client_prefix.h).
  bool clientPrefix = !integrations::takeClientPrefix(request.path).empty();
  std::string prefixWorkspace = takeWorkspacePrefix(request.path);
  if (!clientPrefix) integrations::takeClientPrefix(request.path);

  std::string requestId = nextRequestId();
  // Held for this request: the adapters it routes to stay loaded.
  const std::shared_ptr<const RouteTable> table = routes_.load(std::memory_order_acquire);
  auto route = table->routes.find(request.method + " " + path);
  const sdk::Adapter* adapter = route != table->routes.end() ? route->second.adapter.get() : nullptr;

  if (request.problem == net::ServerRequest::Problem::kBodyTooLarge)
    return sendError(*writer, adapter,
                     Status(StatusCode::kPayloadTooLarge, "request body exceeds the configured limit").withReason("request_too_large"),
                     requestId, *table);

  bool known = route != table->routes.end() || (path == "/v1/models" && request.method == "GET");
  if (!known && ui_ && prefixWorkspace.empty() && ui::UiHandler::wants(request.method, path)) return ui_->serve(request, *writer);
  if (!known) return sendError(*writer, adapter, Status(StatusCode::kNotFound, "no route for " + request.method + " " + path).withReason("unknown_url"), requestId, *table);

  auto key = authenticate(request);
  if (!key) {
    bool presented = !bearerToken(request.headers.get("authorization")).empty() || request.headers.has("x-api-key");
    return sendError(*writer, adapter,
                     Status(StatusCode::kUnauthenticated, presented ? "invalid gateway key" : "missing gateway key: send Authorization: Bearer <key> or x-api-key")
                         .withReason("invalid_api_key"),
                     requestId, *table);
  }

  if (services_.workspaces) {
    auto workspace = resolveRequestWorkspace(request.headers.get(kWorkspaceHeader), prefixWorkspace, key->workspace,
                                             *services_.workspaces());
    if (!workspace) return sendError(*writer, adapter, workspace.status(), requestId, *table);
    key->workspace = std::move(workspace.value());
  }

  if (path == "/v1/models" && request.method == "GET") return listModels(*writer, requestId);

  if (route->second.operation == "chat") {
    auto call = std::make_shared<ChatCall>(services_, *route->second.adapter, std::move(request), writer,
                                           std::move(*key), std::move(requestId), route->second.adapter);
    call->start();
    return;
  }
  const std::string& operation = route->second.operation;
  if (operation == "embeddings") {
    auto call = std::make_shared<EmbeddingCall>(services_, *route->second.adapter, std::move(request), writer,
                                                std::move(*key), std::move(requestId), route->second.adapter);
    call->start();
    return;
  }
  if (operation == "count_tokens") {
    // Passed through to a provider of the client's dialect (Anthropic's own
    // count), else the adapter's estimate; both inside ChatCall.
    auto call = std::make_shared<ChatCall>(services_, *route->second.adapter, std::move(request), writer,
                                           std::move(*key), std::move(requestId), route->second.adapter);
    call->setOperation("count_tokens");
    call->start();
    return;
  }
  // Listings ("models", "show") from the catalog, or an answer the adapter
  // gives itself ("version" …; kUnimplemented → 501), in the adapter's dialect.
  sdk::InboundRequest inbound{request.method, request.path, request.query, &request.headers, request.body};
  auto answer = operation == "models" || operation == "show"
                    ? renderListing(*adapter, inbound, operation, *services_.catalog())
                    : adapter->answerLocally(inbound, operation);
  if (!answer) return sendError(*writer, adapter, answer.status(), requestId, *table);
  auto headers = plainHeaders("application/json");
  headers.add("x-request-id", requestId);
  services_.metrics->requestFinished(200, operation, "local", 0);
  writer->send(200, std::move(headers), std::move(answer.value()));
}

void Gateway::listModels(net::ResponseWriter& writer, const std::string& requestId) {
  auto catalog = services_.catalog();
  sdk::Json data = sdk::Json::array();
  for (const auto& [name, entry] : catalog->providers())
    for (const auto& model : entry->models)
      data.push_back({{"id", name + "/" + model}, {"object", "model"}, {"created", 0}, {"owned_by", name}});
  for (const auto& [alias, target] : catalog->aliases())
    data.push_back({{"id", alias}, {"object", "model"}, {"created", 0}, {"owned_by", "alias:" + target}});
  auto headers = plainHeaders("application/json");
  headers.add("x-request-id", requestId);
  writer.send(200, std::move(headers), sdk::Json{{"object", "list"}, {"data", std::move(data)}}.dump());
}

}  // namespace gateos::kernel::core

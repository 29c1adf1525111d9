#include "core/embeddings/embedding_call.h"

#include <spdlog/spdlog.h>

#include "core/integrations/client_prefix.h"

namespace gateos::kernel::core {

using sdk::Status;
using sdk::StatusCode;

EmbeddingCall::EmbeddingCall(GatewayServices& services, const sdk::Adapter& adapter, net::ServerRequest&& request,
                             std::shared_ptr<net::ResponseWriter> writer, GatewayKeyInfo key, std::string requestId,
                             std::shared_ptr<const void> adapterLifetime)
    : adapterLifetime_(std::move(adapterLifetime)),
      services_(services),
      adapter_(adapter),
      request_(std::move(request)),
      writer_(std::move(writer)),
      key_(std::move(key)),
      started_(std::chrono::steady_clock::now()) {
  context_.requestId = std::move(requestId);
  context_.workspace = key_.workspace.empty() ? "default" : key_.workspace;
  context_.keyId = key_.id;
  context_.inboundDialect = std::string(adapter_.dialect());
  context_.method = request_.method;
  context_.path = request_.path;
  context_.headers = &request_.headers;
  context_.client.kind = sdk::RequestKind::kEmbedding;
  context_.executor = &writer_->executor();
  context_.cancellation = &cancellation_;
  services_.metrics->inflight().add(1);
}

EmbeddingCall::~EmbeddingCall() {
  services_.metrics->inflight().add(-1);
  // The handle's code lives in the driver, which route_ keeps loaded.
  cancellation_.clear();
  upstream_.reset();
}

sdk::InboundRequest EmbeddingCall::inbound() const {
  return sdk::InboundRequest{request_.method, request_.path, request_.query, &request_.headers, request_.body};
}

void EmbeddingCall::start() {
  auto decoded = adapter_.decodeEmbedding(inbound());
  if (!decoded) return fail(decoded.status());
  decoded_ = std::move(decoded.value());
  // Embeddings count per client too (RAG indexers like Continue's are big users).
  if (services_.identifyClient)
    services_.identifyClient(context_, inbound(), integrations::clientPrefixOf(request_.target));

  route_ = services_.catalog()->resolve(decoded_->model);
  if (!route_)
    return fail(Status(StatusCode::kNotFound, "the model '" + decoded_->model + "' does not exist or is not routable")
                    .withReason("model_not_found"));

  std::weak_ptr<EmbeddingCall> weak = weak_from_this();
  writer_->onClientGone([weak] {
    if (auto self = weak.lock(); self && !self->completed_) {
      self->cancellation_.cancel();
      if (self->upstream_) self->upstream_->cancel();
    }
  });

  sdk::EmbeddingCall call;
  call.context = &context_;
  call.request = &*decoded_;
  call.upstreamModel = route_->upstreamModel;
  // `done` owns the call until the driver answered, like ChatCall's sink.
  auto handle = route_->provider->provider->embed(
      call, [self = shared_from_this()](sdk::Result<sdk::EmbeddingResponse> result) { self->onDone(std::move(result)); });
  if (!completed_) upstream_ = std::move(handle);
}

void EmbeddingCall::onDone(sdk::Result<sdk::EmbeddingResponse> result) {
  if (completed_) return;
  if (!result) return fail(result.status().code() == StatusCode::kUnimplemented
                               ? result.status().prefixed("provider " + route_->provider->name)
                               : result.status());
  if (result->vectors.size() != decoded_->inputs.size())
    return fail(Status(StatusCode::kUpstreamError, "upstream " + route_->provider->name + ": " +
                                                       std::to_string(result->vectors.size()) + " vectors for " +
                                                       std::to_string(decoded_->inputs.size()) + " inputs")
                    .withHttpStatus(502));
  auto body = adapter_.encodeEmbedding(inbound(), *decoded_, result.value());
  if (!body) return fail(body.status());
  completed_ = true;
  sdk::Headers headers;
  headers.add("content-type", "application/json");
  headers.add("x-request-id", context_.requestId);
  writer_->send(200, std::move(headers), std::move(body.value()));
  finishMetrics(200);
  upstream_.reset();
}

void EmbeddingCall::fail(const Status& status) {
  completed_ = true;
  int code = sdk::httpStatusOf(status);
  if (status.code() == StatusCode::kUnavailable || status.code() == StatusCode::kDeadlineExceeded ||
      status.code() == StatusCode::kUpstreamError)
    services_.metrics->upstreamError(route_ ? route_->provider->name : "",
                                     status.code() == StatusCode::kDeadlineExceeded ? "timeout"
                                     : status.code() == StatusCode::kUnavailable    ? "unreachable"
                                                                                    : "http_error");
  sdk::Headers headers;
  headers.add("content-type", "application/json");
  headers.add("x-request-id", context_.requestId);
  if (status.retryAfterSeconds()) headers.add("retry-after", std::to_string(*status.retryAfterSeconds()));
  if (!writer_->clientGone()) writer_->send(code, std::move(headers), adapter_.renderError(status));
  else writer_->end();
  finishMetrics(status.code() == StatusCode::kCancelled ? 499 : code);
  if (code >= 500) spdlog::warn("request {}: {} {}", context_.requestId, code, status.message());
  upstream_.reset();
}

void EmbeddingCall::finishMetrics(int status) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::string_view model = route_ ? std::string_view(route_->publicName) : std::string_view("unknown");
  std::string_view provider = route_ ? std::string_view(route_->provider->name) : std::string_view("none");
  services_.metrics->requestFinished(status, model, provider, seconds);
  spdlog::info("request {} {} {} workspace={} status={} model={} provider={} client={} inputs={} ms={:.1f}",
               context_.requestId, request_.method, request_.path, context_.workspace, status, model, provider,
               context_.client.id.empty() ? std::string_view("unknown") : std::string_view(context_.client.id),
               decoded_ ? decoded_->inputs.size() : 0, seconds * 1000);
}

}  // namespace gateos::kernel::core

#include "core/chat_call.h"

#include <spdlog/spdlog.h>

#include "core/integrations/client_prefix.h"
#include "core/translation/translated_tools.h"

namespace gateos::kernel::core {

using sdk::Status;
using sdk::StatusCode;

// Forwards driver callbacks to the call. The driver owns the sink until it
// completed, and the sink owns the call: that is what keeps a call alive while
// its answer is in flight. Callbacks after completion are dropped by the call.
class ChatCall::Sink final : public sdk::ResponseSink {
 public:
  explicit Sink(std::shared_ptr<ChatCall> call) : call_(std::move(call)) {}
  void onHead(const sdk::ResponseHead& head) noexcept override { call_->onHead(head); }
  void onBytes(std::string_view bytes) noexcept override { call_->onBytes(bytes); }
  void onEvent(const sdk::StreamEvent& event) noexcept override { call_->onEvent(event); }
  void onComplete(const Status& status) noexcept override {
    auto call = call_;  // keep the call alive through its own completion
    call->onComplete(status);
  }

 private:
  std::shared_ptr<ChatCall> call_;
};

// Output stages run in reverse pipeline order; link i hands events to stage i+1.
class ChatCall::StageLink final : public sdk::EventSink {
 public:
  StageLink(ChatCall& call, std::size_t next) : call_(call), next_(next) {}
  void emit(const sdk::StreamEvent& event) noexcept override { call_.runStages(event, next_); }

 private:
  ChatCall& call_;
  std::size_t next_;
};

ChatCall::ChatCall(GatewayServices& services, const sdk::Adapter& adapter, net::ServerRequest&& request,
                   std::shared_ptr<net::ResponseWriter> writer, GatewayKeyInfo key, std::string requestId,
                   std::shared_ptr<const void> adapterLifetime)
    : services_(services),
      adapterLifetime_(std::move(adapterLifetime)),
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
  context_.executor = &writer_->executor();
  context_.cancellation = &cancellation_;
  services_.metrics->inflight().add(1);
}

ChatCall::~ChatCall() {
  services_.metrics->inflight().add(-1);
  if (countedStream_) services_.metrics->activeStreams().add(-1);
  // Plugin-owned objects first, while the references keeping their code loaded
  // (route_, stages_) are still held.
  cancellation_.clear();
  upstream_.reset();
  encoder_.reset();
  stageStreams_.clear();
}

void ChatCall::start() {
  sdk::InboundRequest inbound{request_.method, request_.path, request_.query, &request_.headers, request_.body};
  auto summary = adapter_.summarize(inbound);
  if (!summary) return fail(summary.status());
  summary_ = std::move(summary.value());
  if (services_.identifyClient)
    services_.identifyClient(context_, inbound, integrations::clientPrefixOf(request_.target));

  auto catalog = services_.catalog();
  const bool countTokens = operation_ == "count_tokens";
  auto model = chooseModel(inbound, *catalog);
  if (!model) return countTokens ? answerLocally() : fail(model.status());
  route_ = catalog->resolve(model.value());
  if (!route_ && countTokens) return answerLocally();
  if (!route_)
    return fail(Status(StatusCode::kNotFound, "the model '" + model.value() + "' does not exist or is not routable")
                    .withReason("model_not_found"));

  stages_ = services_.stages(context_);
  // Only stages with something to do for this body take part; when none does,
  // the request can pass through untouched.
  std::erase_if(stages_, [&](const ActiveStage& active) { return !active.stage->wantsRequest(context_, request_.body); });
  auto& provider = *route_->provider->provider;
  passthrough_ = stages_.empty() && provider.wireDialect() == adapter_.dialect();
  if (countTokens && !passthrough_) return answerLocally();

  if (passthrough_) {
    auto body = adapter_.replaceModel(request_.body, route_->upstreamModel);
    if (!body) return fail(body.status());
    upstreamBody_ = std::move(body.value());
  } else {
    if (!canonical_) {
      auto decoded = adapter_.decode(inbound);
      if (!decoded) return fail(decoded.status());
      canonical_ = std::move(decoded.value());
    }
    for (auto& active : stages_) {
      Status s;
      try {
        s = active.stage->onRequest(context_, *canonical_);
      } catch (...) {
        s = Status(StatusCode::kInternal, "stage threw an exception");
      }
      if (!s) return fail(s.prefixed(active.id));
    }
    for (auto it = stages_.rbegin(); it != stages_.rend(); ++it)
      if (auto stream = it->stage->openResponse(context_)) stageStreams_.push_back(std::move(stream));
    if (provider.wireDialect() != adapter_.dialect())
      omittedToolsHeader_ = prepareTranslatedTools(*canonical_, context_, provider.wireDialect(),
                                                   services_.metrics ? &services_.metrics->registry() : nullptr);
  }

  encoder_ = adapter_.makeEncoder(context_, summary_);
  if (!encoder_) return fail(Status(StatusCode::kInternal, "adapter returned no encoder"));

  std::weak_ptr<ChatCall> weak = weak_from_this();
  writer_->onClientGone([weak] {
    if (auto self = weak.lock()) self->cancelUpstream();
  });

  sdk::UpstreamCall call;
  call.context = &context_;
  call.request = canonical_ ? &*canonical_ : nullptr;
  call.upstreamModel = route_->upstreamModel;
  call.operation = operation_;
  call.passthrough = passthrough_;
  call.body = upstreamBody_;
  call.clientHeaders = &request_.headers;
  auto handle = provider.send(call, std::make_shared<Sink>(shared_from_this()));
  // A driver may complete inside send(); keeping its handle then could keep a
  // reference cycle (handle -> sink -> call) alive.
  if (!completed_) upstream_ = std::move(handle);
}

// Policies (e.g. per-filetype default models) may choose the model before it
// is resolved; the canonical request is decoded only if one wants the request.
sdk::Result<std::string> ChatCall::chooseModel(const sdk::InboundRequest& inbound, const sdk::ModelCatalog& catalog) {
  if (!services_.policies) return summary_.model;
  policies_ = services_.policies(context_);
  if (policies_.empty()) return summary_.model;
  auto outcome = routeWithPolicies(policies_, context_, summary_.model, catalog,
                                   [&]() -> sdk::Result<const sdk::ChatRequest*> {
                                     auto decoded = adapter_.decode(inbound);
                                     if (!decoded) return decoded.status();
                                     canonical_ = std::move(decoded.value());
                                     return &*canonical_;
                                   });
  if (!outcome) return outcome.status();
  if (!outcome.value()) return summary_.model;
  routeHeader_ = std::move(outcome.value()->header);
  context_.annotations["routing"] = {{"policy", outcome.value()->policyId},
                                     {"rule", outcome.value()->decision.rule},
                                     {"explanation", outcome.value()->decision.explanation},
                                     {"requested_model", summary_.model},
                                     {"model", outcome.value()->decision.model}};
  return std::move(outcome.value()->decision.model);
}

void ChatCall::cancelUpstream() {
  if (completed_) return;
  cancellation_.cancel();
  if (upstream_) upstream_->cancel();
}

sdk::Headers ChatCall::baseHeaders(std::string_view contentType) const {
  sdk::Headers headers;
  headers.add("content-type", std::string(contentType));
  headers.add("x-request-id", context_.requestId);
  if (!routeHeader_.empty()) headers.add("x-gateos-route", routeHeader_);
  if (!omittedToolsHeader_.empty()) headers.add("x-gateos-omitted-tools", omittedToolsHeader_);
  return headers;
}

void ChatCall::onHead(const sdk::ResponseHead& head) {
  if (headSent_ || completed_) return;
  headSent_ = true;
  status_ = head.status;
  streaming_ = head.passthrough ? head.streaming : summary_.stream;
  if (streaming_) {
    countedStream_ = true;
    services_.metrics->activeStreams().add(1);
  }
  if (head.passthrough) {
    contentType_ = head.contentType.empty() ? "application/json" : std::string(head.contentType);
    if (!head.streaming) {
      // A whole JSON answer: collect it and send it with content-length in one
      // write instead of head + chunk + terminator (a third of the syscalls),
      // and a failure half-way can still be answered with a clean error.
      buffered_ = true;
      out_.clear();
      return;
    }
    auto headers = baseHeaders(contentType_);
    headers.add("cache-control", "no-cache");
    writer_->beginStream(head.status, std::move(headers));
    return;
  }
  if (streaming_) {
    auto headers = baseHeaders(encoder_->contentType());
    headers.add("cache-control", "no-cache");
    writer_->beginStream(200, std::move(headers));
  }
}

void ChatCall::onBytes(std::string_view bytes) {
  if (completed_ || !headSent_) return;
  if (buffered_)
    out_.append(bytes);
  else
    writer_->write(std::string(bytes));
}

void ChatCall::onEvent(const sdk::StreamEvent& event) {
  if (completed_) return;
  if (!headSent_) onHead(sdk::ResponseHead{});
  runStages(event, 0);
}

void ChatCall::runStages(const sdk::StreamEvent& event, std::size_t index) {
  if (index < stageStreams_.size()) {
    StageLink next(*this, index + 1);
    stageStreams_[index]->onEvent(event, next);
    return;
  }
  emitToClient(event);
}

void ChatCall::endStages() {
  for (std::size_t i = 0; i < stageStreams_.size(); ++i) {
    StageLink next(*this, i + 1);
    stageStreams_[i]->onEnd(next);
  }
}

void ChatCall::emitToClient(const sdk::StreamEvent& event) {
  notices_.onEvent(event, context_.notices, [this](const sdk::StreamEvent& e) { encode(e); });
}

void ChatCall::encode(const sdk::StreamEvent& event) {
  out_.clear();
  encoder_->onEvent(event, out_);
  if (streaming_ && !out_.empty()) writer_->write(out_);
}

void ChatCall::onComplete(const Status& status) {
  if (completed_) return;
  if (!status && (!headSent_ || buffered_)) return fail(status);
  if (!status && status.code() != StatusCode::kCancelled)
    services_.metrics->upstreamError(route_ ? route_->provider->name : "", "mid_stream");
  completed_ = true;
  if (buffered_) {
    writer_->send(status_, baseHeaders(contentType_), std::move(out_));
  } else if (passthrough_) {
    writer_->end();
  } else {
    endStages();
    notices_.onEnd(context_.notices, [this](const sdk::StreamEvent& e) { encode(e); });
    out_.clear();
    if (status)
      encoder_->finish(out_);
    else
      encoder_->streamError(status, out_);
    if (streaming_) {
      if (!out_.empty()) writer_->write(out_);
      writer_->end();
    } else {
      writer_->send(status ? 200 : sdk::httpStatusOf(status), baseHeaders(encoder_->contentType()), std::move(out_));
    }
  }
  finishMetrics(status ? status_ : (status.code() == StatusCode::kCancelled ? 499 : sdk::httpStatusOf(status)));
  upstream_.reset();
}

void ChatCall::answerLocally() {
  sdk::InboundRequest inbound{request_.method, request_.path, request_.query, &request_.headers, request_.body};
  auto answer = adapter_.answerLocally(inbound, operation_);
  if (!answer) return fail(answer.status());
  completed_ = true;
  writer_->send(200, baseHeaders("application/json"), std::move(answer.value()));
  finishMetrics(200);
}

void ChatCall::fail(const Status& status) {
  completed_ = true;
  int code = sdk::httpStatusOf(status);
  if (status.code() == StatusCode::kUnavailable || status.code() == StatusCode::kDeadlineExceeded ||
      status.code() == StatusCode::kUpstreamError)
    services_.metrics->upstreamError(route_ ? route_->provider->name : "", status.code() == StatusCode::kDeadlineExceeded ? "timeout" : status.code() == StatusCode::kUnavailable ? "unreachable" : "http_error");
  auto headers = baseHeaders("application/json");
  if (status.retryAfterSeconds()) headers.add("retry-after", std::to_string(*status.retryAfterSeconds()));
  if (!writer_->clientGone()) writer_->send(code, std::move(headers), adapter_.renderError(status));
  else writer_->end();
  finishMetrics(code);
  if (code >= 500) spdlog::warn("request {}: {} {}", context_.requestId, code, status.message());
  upstream_.reset();
}

void ChatCall::finishMetrics(int status) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  std::string_view model = route_ ? std::string_view(route_->publicName) : std::string_view("unknown");
  std::string_view provider = route_ ? std::string_view(route_->provider->name) : std::string_view("none");
  services_.metrics->requestFinished(status, model, provider, seconds);
  spdlog::info("request {} {} {} workspace={} status={} model={} provider={} client={} passthrough={} stream={} ms={:.1f}{}{}{}",
               context_.requestId, request_.method, request_.path, context_.workspace, status, model, provider,
               context_.client.id.empty() ? std::string_view("unknown") : std::string_view(context_.client.id),
               passthrough_, streaming_, seconds * 1000, routeHeader_.empty() ? "" : " route=\"", routeHeader_,
               routeHeader_.empty() ? "" : "\"");
}

}  // namespace gateos::kernel::core

#include "openai_provider.h"

#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_embeddings.h"
#include "gateos/sdk/codec/openai_responses.h"
#include "openai_call.h"
#include "openai_embedding_call.h"
#include "openai_models.h"

namespace gateos::plugins::drivers::openai {

OpenAiProvider::OpenAiProvider(sdk::Host& host, std::string name, std::string credential, OpenAiOptions options)
    : host_(host), name_(std::move(name)), credential_(std::move(credential)), options_(std::move(options)) {}

sdk::HttpRequest OpenAiProvider::makeRequest(std::string method, std::string_view path) const {
  sdk::HttpRequest request;
  request.method = std::move(method);
  request.url = options_.baseUrl;
  request.url.append(path);
  request.timeouts = options_.timeouts;
  for (const auto& [k, v] : options_.headers) request.headers.set(k, v);
  if (!options_.organization.empty()) request.headers.set("OpenAI-Organization", options_.organization);
  // The provider key always wins over a same-named header from the options.
  if (!credential_.empty()) request.headers.set("Authorization", "Bearer " + credential_);
  return request;
}

std::unique_ptr<sdk::UpstreamCallHandle> OpenAiProvider::send(const sdk::UpstreamCall& call,
                                                             std::shared_ptr<sdk::ResponseSink> sink) noexcept {
  try {
    if (call.context == nullptr || call.context->executor == nullptr || (!call.passthrough && call.request == nullptr)) {
      sink->onComplete(sdk::Status(sdk::StatusCode::kInternal, "provider " + name_ + ": incomplete upstream call"));
      return nullptr;
    }
    bool responses = options_.api == OpenAiOptions::Api::kResponses;
    sdk::HttpRequest request = makeRequest("POST", responses ? "/responses" : "/chat/completions");
    request.headers.set("Content-Type", "application/json");
    if (call.passthrough) {
      request.body.assign(call.body);
    } else {
      bool sameDialect = call.context->inboundDialect == wireDialect();
      auto body = responses
                      ? sdk::codec::openai_responses::encodeRequest(*call.request, call.upstreamModel, {sameDialect})
                      : sdk::codec::openai_chat::encodeRequest(*call.request, call.upstreamModel, {sameDialect});
      if (!body) {
        sink->onComplete(body.status());
        return nullptr;
      }
      request.body = std::move(body.value());
      request.headers.set("Accept", call.request->stream ? "text/event-stream" : "application/json");
    }
    // Nothing of the client's headers is forwarded: OpenAI-compatible APIs need
    // none, and the client's auth header must never reach the upstream.
    auto handler = std::make_shared<OpenAiCallHandler>(name_, call.passthrough, responses, std::move(sink));
    auto exchange = host_.http().send(*call.context->executor, std::move(request), handler);
    handler->setExchange(exchange);
    return std::make_unique<OpenAiCallHandle>(std::move(exchange));
  } catch (const std::exception& e) {
    if (sink) sink->onComplete(sdk::Status(sdk::StatusCode::kInternal, "provider " + name_ + ": " + e.what()));
    return nullptr;
  }
}

std::unique_ptr<sdk::UpstreamCallHandle> OpenAiProvider::embed(const sdk::EmbeddingCall& call,
                                                              sdk::EmbeddingDone done) noexcept {
  std::shared_ptr<OpenAiEmbeddingHandler> handler;
  try {
    if (call.context == nullptr || call.context->executor == nullptr || call.request == nullptr) return nullptr;
    handler = std::make_shared<OpenAiEmbeddingHandler>(name_, std::move(done));
    sdk::HttpRequest request = makeRequest("POST", "/embeddings");
    request.headers.set("Content-Type", "application/json");
    request.headers.set("Accept", "application/json");
    // The client's encoding: base64 is a third of the bytes; the answer is
    // decoded to floats either way and re-encoded for the client.
    request.body = sdk::codec::openai_embeddings::encodeRequest(*call.request, call.upstreamModel, call.request->encoding);
    auto exchange = host_.http().send(*call.context->executor, std::move(request), handler);
    return std::make_unique<OpenAiCallHandle>(std::move(exchange));
  } catch (const std::exception& e) {
    // Answer once, so the request does not wait forever.
    if (handler) handler->onComplete(sdk::Status(sdk::StatusCode::kInternal, "provider " + name_ + ": " + e.what()));
    return nullptr;
  }
}

std::vector<sdk::ModelInfo> OpenAiProvider::configuredModels() const {
  std::vector<sdk::ModelInfo> out;
  for (const auto& m : options_.models) {
    sdk::ModelInfo info;
    info.id = m;
    out.push_back(std::move(info));
  }
  return out;
}

void OpenAiProvider::discoverModels(sdk::Executor& executor,
                                    std::function<void(sdk::Result<std::vector<sdk::ModelInfo>>)> done) noexcept {
  try {
    if (!options_.discoverModels) {
      executor.post([models = configuredModels(), done = std::move(done)] { done(models); });
      return;
    }
    sdk::HttpRequest request = makeRequest("GET", "/models");
    request.headers.set("Accept", "application/json");
    auto handler = std::make_shared<ModelsHandler>(name_, std::move(done));
    host_.http().send(executor, std::move(request), std::move(handler));
  } catch (const std::exception& e) {
    host_.logger().warn("provider {}: model discovery failed to start: {}", name_, e.what());
  }
}

}  // namespace gateos::plugins::drivers::openai

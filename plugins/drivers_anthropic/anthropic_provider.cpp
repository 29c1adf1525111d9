#include "anthropic_provider.h"

#include "anthropic_call.h"
#include "anthropic_models.h"
#include "gateos/sdk/codec/anthropic_messages.h"

namespace gateos::plugins::drivers::anthropic {

namespace codec = sdk::codec::anthropic_messages;

AnthropicProvider::AnthropicProvider(sdk::Host& host, std::string name, std::string credential,
                                     AnthropicOptions options)
    : host_(host), name_(std::move(name)), credential_(std::move(credential)), options_(std::move(options)) {}

sdk::HttpRequest AnthropicProvider::makeRequest(std::string method, std::string_view path) const {
  sdk::HttpRequest request;
  request.method = std::move(method);
  request.url = options_.baseUrl;
  request.url.append(path);
  request.timeouts = options_.timeouts;
  for (const auto& [k, v] : options_.headers) request.headers.set(k, v);
  request.headers.set("anthropic-version", options_.anthropicVersion);
  // The provider key always wins over a same-named header from the options.
  if (!credential_.empty()) request.headers.set("x-api-key", credential_);
  return request;
}

void AnthropicProvider::forwardDialectHeaders(const sdk::Headers* client, sdk::HttpRequest& request) const {
  if (client == nullptr) return;
  // Clients pin different API versions (Claude Code 2023-06-01, the TS SDK a
  // newer one) and need their betas (thinking, context management …).
  if (auto version = client->get("anthropic-version"); !version.empty())
    request.headers.set("anthropic-version", std::string(version));
  std::string betas;
  for (const auto& [k, v] : *client) {
    if (!sdk::Headers::equalsIgnoreCase(k, "anthropic-beta") || v.empty()) continue;
    if (!betas.empty()) betas += ",";
    betas += v;
  }
  if (!betas.empty()) request.headers.set("anthropic-beta", std::move(betas));
}

std::unique_ptr<sdk::UpstreamCallHandle> AnthropicProvider::send(const sdk::UpstreamCall& call,
                                                                 std::shared_ptr<sdk::ResponseSink> sink) noexcept {
  try {
    if (call.context == nullptr || call.context->executor == nullptr || (!call.passthrough && call.request == nullptr)) {
      sink->onComplete(sdk::Status(sdk::StatusCode::kInternal, "provider " + name_ + ": incomplete upstream call"));
      return nullptr;
    }
    // count_tokens answers {"input_tokens"}, not a message: pass-through only.
    bool countTokens = call.operation == "count_tokens" && call.passthrough;
    if (!countTokens && call.operation != "chat") {
      sink->onComplete(sdk::Status(sdk::StatusCode::kUnimplemented,
                                   "provider " + name_ + ": operation \"" + std::string(call.operation) +
                                       "\" is not supported by drivers.anthropic"));
      return nullptr;
    }
    sdk::HttpRequest request = makeRequest("POST", countTokens ? "/v1/messages/count_tokens" : "/v1/messages");
    request.headers.set("content-type", "application/json");
    // The client's headers are never copied wholesale: its gateway key must not
    // reach the upstream. Only the dialect's own headers are.
    if (call.passthrough || call.context->inboundDialect == codec::kDialect)
      forwardDialectHeaders(call.clientHeaders, request);
    if (call.passthrough) {
      request.body.assign(call.body);
    } else {
      codec::EncodeOptions options;
      options.sameDialect = call.context->inboundDialect == codec::kDialect;
      options.defaultMaxTokens = options_.defaultMaxTokens;
      auto body = codec::encodeRequest(*call.request, call.upstreamModel, options);
      if (!body) {
        sink->onComplete(body.status());
        return nullptr;
      }
      request.body = std::move(body.value());
      request.headers.set("accept", call.request->stream ? "text/event-stream" : "application/json");
    }
    auto handler = std::make_shared<AnthropicCallHandler>(name_, call.passthrough, std::move(sink));
    auto exchange = host_.http().send(*call.context->executor, std::move(request), handler);
    handler->setExchange(exchange);
    return std::make_unique<AnthropicCallHandle>(std::move(exchange));
  } catch (const std::exception& e) {
    if (sink) sink->onComplete(sdk::Status(sdk::StatusCode::kInternal, "provider " + name_ + ": " + e.what()));
    return nullptr;
  }
}

std::vector<sdk::ModelInfo> AnthropicProvider::configuredModels() const {
  std::vector<sdk::ModelInfo> out;
  for (const auto& m : options_.models) {
    sdk::ModelInfo info;
    info.id = m;
    info.ownedBy = "anthropic";
    out.push_back(std::move(info));
  }
  return out;
}

void AnthropicProvider::discoverModels(sdk::Executor& executor,
                                       std::function<void(sdk::Result<std::vector<sdk::ModelInfo>>)> done) noexcept {
  try {
    if (!options_.discoverModels) {
      executor.post([models = configuredModels(), done = std::move(done)] { done(models); });
      return;
    }
    sdk::HttpRequest request = makeRequest("GET", "/v1/models?limit=1000");
    request.headers.set("accept", "application/json");
    auto handler = std::make_shared<ModelsHandler>(name_, std::move(done));
    host_.http().send(executor, std::move(request), std::move(handler));
  } catch (const std::exception& e) {
    host_.logger().warn("provider {}: model discovery failed to start: {}", name_, e.what());
  }
}

}  // namespace gateos::plugins::drivers::anthropic

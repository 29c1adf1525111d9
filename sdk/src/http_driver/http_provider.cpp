#include "gateos/sdk/http_driver/http_provider.h"

namespace gateos::sdk::http_driver {

HttpProvider::HttpProvider(Host& host, std::string name, std::string credential, HttpProviderOptions common)
    : host_(host), name_(std::move(name)), credential_(std::move(credential)), common_(std::move(common)) {}

HttpRequest HttpProvider::makeRequest(std::string method, std::string_view path) const {
  HttpRequest request;
  request.method = std::move(method);
  request.url = common_.baseUrl;
  request.url.append(path);
  request.timeouts = common_.timeouts;
  for (const auto& [k, v] : common_.headers) request.headers.set(k, v);
  authorize(request);
  return request;
}

std::unique_ptr<UpstreamCallHandle> HttpProvider::startCall(const UpstreamCall& call, HttpRequest request,
                                                            std::shared_ptr<ResponseSink> sink,
                                                            DecoderFactory decoders, ErrorMapper errors) const {
  // Nothing of the client's headers is forwarded here: its gateway key must
  // never reach the upstream (drivers copy dialect headers themselves).
  auto handler = std::make_shared<HttpDriverCall>(name_, call.passthrough, std::move(sink), std::move(decoders), errors);
  auto exchange = host_.http().send(*call.context->executor, std::move(request), handler);
  handler->setExchange(exchange);
  return std::make_unique<HttpDriverCallHandle>(std::move(exchange));
}

std::unique_ptr<UpstreamCallHandle> HttpProvider::reject(const std::shared_ptr<ResponseSink>& sink,
                                                         Status status) const noexcept {
  if (sink) sink->onComplete(status);
  return nullptr;
}

bool HttpProvider::checkCall(const UpstreamCall& call, const std::shared_ptr<ResponseSink>& sink) const noexcept {
  if (call.context != nullptr && call.context->executor != nullptr && (call.passthrough || call.request != nullptr))
    return true;
  try {
    reject(sink, Status(StatusCode::kInternal, "provider " + name_ + ": incomplete upstream call"));
  } catch (...) {
  }
  return false;
}

Status HttpProvider::internalError(const char* what) const {
  return Status(StatusCode::kInternal, "provider " + name_ + ": " + what);
}

ModelInfo HttpProvider::configuredModel(const std::string& id) const {
  ModelInfo info;
  info.id = id;
  return info;
}

std::vector<ModelInfo> HttpProvider::configuredModels() const {
  std::vector<ModelInfo> out;
  out.reserve(common_.models.size());
  for (const auto& m : common_.models) out.push_back(configuredModel(m));
  return out;
}

void HttpProvider::discoverModels(Executor& executor,
                                  std::function<void(Result<std::vector<ModelInfo>>)> done) noexcept {
  try {
    if (!common_.discoverModels) {
      executor.post([models = configuredModels(), done = std::move(done)] { done(models); });
      return;
    }
    auto listing = modelListing();
    HttpRequest request = makeRequest("GET", listing.path);
    request.headers.set("accept", "application/json");
    auto handler = std::make_shared<ModelListCall>(name_, listing.parse, listing.errors, std::move(done));
    host_.http().send(executor, std::move(request), std::move(handler));
  } catch (const std::exception& e) {
    host_.logger().warn("provider {}: model discovery failed to start: {}", name_, e.what());
  }
}

}  // namespace gateos::sdk::http_driver

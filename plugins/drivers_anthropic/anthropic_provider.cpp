#include "anthropic_provider.h"

#include "anthropic_models.h"
#include "gateos/sdk/codec/anthropic_messages.h"

namespace gateos::plugins::drivers::anthropic {

namespace codec = sdk::codec::anthropic_messages;
using MessagesDecoder = sdk::http_driver::CodecResponseDecoder<codec::StreamDecoder, codec::decodeResponse>;

AnthropicProvider::AnthropicProvider(sdk::Host& host, std::string name, std::string credential,
                                     AnthropicOptions options)
    : HttpProvider(host, std::move(name), std::move(credential), options), options_(std::move(options)) {}

void AnthropicProvider::authorize(sdk::HttpRequest& request) const {
  request.headers.set("anthropic-version", options_.anthropicVersion);
  if (!credential_.empty()) request.headers.set("x-api-key", credential_);
}

AnthropicProvider::ModelListing AnthropicProvider::modelListing() const {
  return {"/v1/models?limit=1000", parseModelList, codec::statusFromUpstreamError};
}

sdk::ModelInfo AnthropicProvider::configuredModel(const std::string& id) const {
  sdk::ModelInfo info;
  info.id = id;
  info.ownedBy = "anthropic";
  return info;
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
    if (!checkCall(call, sink)) return nullptr;
    // count_tokens answers {"input_tokens"}, not a message: pass-through only.
    bool countTokens = call.operation == "count_tokens" && call.passthrough;
    if (!countTokens && call.operation != "chat")
      return reject(sink, sdk::Status(sdk::StatusCode::kUnimplemented,
                                      "provider " + name_ + ": operation \"" + std::string(call.operation) +
                                          "\" is not supported by drivers.anthropic"));
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
      if (!body) return reject(sink, body.status());
      request.body = std::move(body.value());
      request.headers.set("accept", call.request->stream ? "text/event-stream" : "application/json");
    }
    return startCall(call, std::move(request), std::move(sink), MessagesDecoder::factory(),
                     codec::statusFromUpstreamError);
  } catch (const std::exception& e) {
    return reject(sink, internalError(e.what()));
  }
}

}  // namespace gateos::plugins::drivers::anthropic

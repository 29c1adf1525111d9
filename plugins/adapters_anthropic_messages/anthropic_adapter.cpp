#include "anthropic_adapter.h"

#include "anthropic_response_encoder.h"
#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/util/json_scan.h"

namespace gateos::plugins::adapters::anthropic_messages {

namespace codec = sdk::codec::anthropic_messages;
using sdk::Status;
using sdk::StatusCode;

sdk::Status AnthropicMessagesAdapterPlugin::configure(const sdk::Json& config, sdk::Host& host) noexcept {
  (void)host;
  if (!config.is_null() && !(config.is_object() && config.empty()))
    return {StatusCode::kInvalidArgument, "configure adapters.anthropic_messages: no settings are accepted"};
  return {};
}

std::string_view AnthropicMessagesAdapterPlugin::dialect() const noexcept { return codec::kDialect; }

std::vector<sdk::AdapterRoute> AnthropicMessagesAdapterPlugin::routes() const {
  return {{"POST", "/v1/messages", "chat"}, {"POST", "/v1/messages/count_tokens", "count_tokens"}};
}

sdk::Result<sdk::RequestSummary> AnthropicMessagesAdapterPlugin::summarize(
    const sdk::InboundRequest& request) const noexcept {
  return summarizeMessages(parsers_, request.body);
}

sdk::Result<sdk::ChatRequest> AnthropicMessagesAdapterPlugin::decode(const sdk::InboundRequest& request) const noexcept {
  try {
    return codec::decodeRequest(request.body);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("decode: ") + e.what());
  }
}

sdk::Result<std::string> AnthropicMessagesAdapterPlugin::replaceModel(std::string_view body,
                                                                      std::string_view model) const noexcept {
  try {
    // Splice the value and keep every other byte (key order, spacing, unknown
    // fields): upstream prompt caching hashes what it receives.
    if (auto out = sdk::util::replaceTopLevelString(body, "model", model)) return std::move(*out);
    // The key was absent or written with escapes: fall back to a full rewrite.
    auto doc = sdk::Json::parse(body);
    if (!doc.is_object()) return Status(StatusCode::kInvalidArgument, "request body: expected a JSON object");
    doc["model"] = std::string(model);
    return doc.dump(-1, ' ', false, sdk::Json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInvalidArgument, std::string("rewrite model: ") + e.what());
  }
}

std::unique_ptr<sdk::ResponseEncoder> AnthropicMessagesAdapterPlugin::makeEncoder(
    const sdk::RequestContext& context, const sdk::RequestSummary& summary) const noexcept {
  (void)context;
  try {
    return std::make_unique<AnthropicResponseEncoder>(summary.stream, summary.model);
  } catch (...) {
    return nullptr;
  }
}

std::string AnthropicMessagesAdapterPlugin::renderError(const Status& status) const noexcept {
  try {
    return codec::errorBody(status);
  } catch (...) {
    return R"({"type":"error","error":{"type":"api_error","message":"internal error"}})";
  }
}

sdk::Result<std::string> AnthropicMessagesAdapterPlugin::answerLocally(const sdk::InboundRequest& request,
                                                                       std::string_view operation) const noexcept {
  try {
    if (operation != "count_tokens") return sdk::Adapter::answerLocally(request, operation);
    // Same validation as a Messages request, minus max_tokens and stream.
    if (auto summary = summarizeMessages(parsers_, request.body); !summary) return summary.status();
    auto tokens = estimateInputTokens(parsers_, request.body);
    if (!tokens) return tokens.status();
    return R"({"input_tokens":)" + std::to_string(tokens.value()) + "}";
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("count_tokens: ") + e.what());
  }
}

}  // namespace gateos::plugins::adapters::anthropic_messages

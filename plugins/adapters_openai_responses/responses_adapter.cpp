#include "responses_adapter.h"

#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_responses.h"
#include "gateos/sdk/util/json_scan.h"
#include "responses_response_encoder.h"

namespace gateos::plugins::adapters::openai_responses {

namespace codec = sdk::codec::openai_responses;
using sdk::Status;
using sdk::StatusCode;

sdk::Status OpenAiResponsesAdapterPlugin::configure(const sdk::Json& config, sdk::Host& host) noexcept {
  (void)host;
  if (!config.is_null() && !(config.is_object() && config.empty()))
    return {StatusCode::kInvalidArgument, "configure adapters.openai_responses: no settings are accepted"};
  return {};
}

std::string_view OpenAiResponsesAdapterPlugin::dialect() const noexcept { return codec::kDialect; }

std::vector<sdk::AdapterRoute> OpenAiResponsesAdapterPlugin::routes() const {
  return {{"POST", "/v1/responses", "chat"}};
}

sdk::Result<sdk::RequestSummary> OpenAiResponsesAdapterPlugin::summarize(
    const sdk::InboundRequest& request) const noexcept {
  return summarizeResponses(parsers_, request.body);
}

sdk::Result<sdk::ChatRequest> OpenAiResponsesAdapterPlugin::decode(const sdk::InboundRequest& request) const noexcept {
  try {
    return codec::decodeRequest(request.body);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("decode: ") + e.what());
  }
}

sdk::Result<std::string> OpenAiResponsesAdapterPlugin::replaceModel(std::string_view body,
                                                                    std::string_view model) const noexcept {
  try {
    // Splice the value and keep every other byte: upstream prompt caching
    // (prompt_cache_key) hashes what it receives.
    if (auto out = sdk::util::replaceTopLevelString(body, "model", model)) return std::move(*out);
    auto doc = sdk::Json::parse(body);
    if (!doc.is_object()) return Status(StatusCode::kInvalidArgument, "request body: expected a JSON object");
    doc["model"] = std::string(model);
    return doc.dump(-1, ' ', false, sdk::Json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInvalidArgument, std::string("rewrite model: ") + e.what());
  }
}

std::unique_ptr<sdk::ResponseEncoder> OpenAiResponsesAdapterPlugin::makeEncoder(
    const sdk::RequestContext& context, const sdk::RequestSummary& summary) const noexcept {
  try {
    auto encoder = std::make_unique<ResponsesResponseEncoder>(summary.stream, summary.model);
    // Tools decode() renamed for another dialect: their calls are answered under the client's names.
    const sdk::Json& annotations = context.annotations;
    if (auto names = annotations.find(std::string(codec::kClientToolNames));
        annotations.is_object() && names != annotations.end() && names->is_object())
      encoder->mapToolNames(*names);
    return encoder;
  } catch (...) {
    return nullptr;
  }
}

std::string OpenAiResponsesAdapterPlugin::renderError(const Status& status) const noexcept {
  try {
    return sdk::codec::openai_chat::errorBody(status);  // the Responses API uses the same error object
  } catch (...) {
    return R"({"error":{"message":"internal error","type":"api_error","param":null,"code":null}})";
  }
}

}  // namespace gateos::plugins::adapters::openai_responses

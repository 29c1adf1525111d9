#include "ollama_adapter.h"

#include "gateos/sdk/codec/ollama_decode_request.h"
#include "gateos/sdk/codec/ollama_encode_response.h"
#include "gateos/sdk/util/json_scan.h"
#include "ollama_response_encoder.h"

namespace gateos::plugins::adapters::ollama {

namespace codec = sdk::codec::ollama;
using sdk::Status;
using sdk::StatusCode;

namespace {
Status internal(const char* what, const std::exception& e) {
  return Status(StatusCode::kInternal, std::string(what) + ": " + e.what());
}
}  // namespace

sdk::Status OllamaAdapterPlugin::configure(const sdk::Json& config, sdk::Host& host) noexcept {
  (void)host;
  if (!config.is_null() && !(config.is_object() && config.empty()))
    return {StatusCode::kInvalidArgument, "configure adapters.ollama: no settings are accepted"};
  return {};
}

std::string_view OllamaAdapterPlugin::dialect() const noexcept { return codec::kDialect; }

std::vector<sdk::AdapterRoute> OllamaAdapterPlugin::routes() const {
  return {{"POST", std::string(codec::kChatPath), "chat"},
          {"POST", std::string(codec::kGeneratePath), "chat"},
          {"POST", std::string(codec::kEmbedPath), "embeddings"},
          {"POST", std::string(codec::kLegacyEmbeddingsPath), "embeddings"},
          {"GET", std::string(codec::kTagsPath), "models"},
          {"POST", "/api/show", "show"},
          {"GET", "/api/version", "version"},
          {"GET", "/api/ps", "ps"}};
}

sdk::Result<sdk::RequestSummary> OllamaAdapterPlugin::summarize(const sdk::InboundRequest& request) const noexcept {
  try {
    if (request.path == "/api/show") {
      auto model = codec::decodeShowModel(request.body);
      if (!model) return model.status();
      sdk::RequestSummary summary;
      summary.model = std::move(model.value());
      return summary;
    }
    return codec::summarizeRequest(request.body);
  } catch (const std::exception& e) {
    return internal("summarize", e);
  }
}

sdk::Result<sdk::ChatRequest> OllamaAdapterPlugin::decode(const sdk::InboundRequest& request) const noexcept {
  try {
    if (request.path == codec::kGeneratePath) return codec::decodeGenerateRequest(request.body);
    return codec::decodeChatRequest(request.body);
  } catch (const std::exception& e) {
    return internal("decode", e);
  }
}

sdk::Result<std::string> OllamaAdapterPlugin::replaceModel(std::string_view body, std::string_view model) const noexcept {
  try {
    // Splice the value and keep every other byte of the client's body.
    if (auto out = sdk::util::replaceTopLevelString(body, "model", model)) return std::move(*out);
    auto doc = sdk::Json::parse(body);
    if (!doc.is_object()) return Status(StatusCode::kInvalidArgument, "request body: expected a JSON object");
    doc["model"] = std::string(model);
    return doc.dump(-1, ' ', false, sdk::Json::error_handler_t::replace);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInvalidArgument, std::string("rewrite model: ") + e.what());
  }
}

std::unique_ptr<sdk::ResponseEncoder> OllamaAdapterPlugin::makeEncoder(const sdk::RequestContext& context,
                                                                       const sdk::RequestSummary& summary) const noexcept {
  try {
    auto endpoint = context.path == codec::kGeneratePath ? codec::Endpoint::kGenerate : codec::Endpoint::kChat;
    return std::make_unique<OllamaResponseEncoder>(endpoint, summary.stream, summary.model);
  } catch (...) {
    return nullptr;
  }
}

std::string OllamaAdapterPlugin::renderError(const Status& status) const noexcept {
  try {
    return codec::errorBody(status);
  } catch (...) {
    return R"({"error":"internal error"})";
  }
}

sdk::Result<sdk::EmbeddingRequest> OllamaAdapterPlugin::decodeEmbedding(const sdk::InboundRequest& request) const noexcept {
  try {
    if (request.path == codec::kLegacyEmbeddingsPath) return codec::decodeLegacyEmbeddingsRequest(request.body);
    return codec::decodeEmbedRequest(request.body);
  } catch (const std::exception& e) {
    return internal("decode", e);
  }
}

sdk::Result<std::string> OllamaAdapterPlugin::encodeEmbedding(const sdk::InboundRequest& request,
                                                             const sdk::EmbeddingRequest& decoded,
                                                             const sdk::EmbeddingResponse& response) const noexcept {
  try {
    if (request.path == codec::kLegacyEmbeddingsPath) return codec::encodeLegacyEmbeddingsResponse(response);
    return codec::encodeEmbedResponse(response, decoded.model);
  } catch (const std::exception& e) {
    return internal("encode", e);
  }
}

sdk::Result<std::string> OllamaAdapterPlugin::renderModels(const sdk::InboundRequest& request, std::string_view operation,
                                                          const std::vector<sdk::ModelListing>& models) const noexcept {
  try {
    if (operation == "models") return codec::encodeTags(models);
    if (operation == "show" && !models.empty()) return codec::encodeShow(models.front());
    return sdk::Adapter::renderModels(request, operation, models);
  } catch (const std::exception& e) {
    return internal("render models", e);
  }
}

sdk::Result<std::string> OllamaAdapterPlugin::answerLocally(const sdk::InboundRequest& request,
                                                           std::string_view operation) const noexcept {
  try {
    if (operation == "version") return codec::encodeVersion();
    if (operation == "ps") return std::string(R"({"models":[]})");
    return sdk::Adapter::answerLocally(request, operation);
  } catch (const std::exception& e) {
    return internal("answer", e);
  }
}

}  // namespace gateos::plugins::adapters::ollama

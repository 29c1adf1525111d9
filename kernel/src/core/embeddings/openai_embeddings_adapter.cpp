#include "core/embeddings/openai_embeddings_adapter.h"

#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_embeddings.h"

namespace gateos::kernel::core {

using sdk::Status;
using sdk::StatusCode;
namespace codec = sdk::codec::openai_embeddings;

namespace {
Status notChat() { return Status(StatusCode::kInternal, "the embeddings dialect has no chat operation"); }
}  // namespace

std::string_view OpenAiEmbeddingsAdapter::dialect() const noexcept { return codec::kDialect; }

std::vector<sdk::AdapterRoute> OpenAiEmbeddingsAdapter::routes() const {
  return {{"POST", "/v1/embeddings", "embeddings"}};
}

sdk::Result<sdk::EmbeddingRequest> OpenAiEmbeddingsAdapter::decodeEmbedding(const sdk::InboundRequest& request) const noexcept {
  try {
    return codec::decodeRequest(request.body);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("decode: ") + e.what());
  }
}

sdk::Result<std::string> OpenAiEmbeddingsAdapter::encodeEmbedding(const sdk::InboundRequest& request,
                                                                  const sdk::EmbeddingRequest& decoded,
                                                                  const sdk::EmbeddingResponse& response) const noexcept {
  (void)request;
  try {
    // The model the client asked for, as OpenAI echoes it.
    return codec::encodeResponse(response, decoded.model, decoded.encoding);
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("encode: ") + e.what());
  }
}

std::string OpenAiEmbeddingsAdapter::renderError(const Status& status) const noexcept {
  try {
    return sdk::codec::openai_chat::errorBody(status);
  } catch (...) {
    return R"({"error":{"message":"internal error","type":"api_error","param":null,"code":null}})";
  }
}

sdk::Result<sdk::RequestSummary> OpenAiEmbeddingsAdapter::summarize(const sdk::InboundRequest&) const noexcept {
  return notChat();
}
sdk::Result<sdk::ChatRequest> OpenAiEmbeddingsAdapter::decode(const sdk::InboundRequest&) const noexcept {
  return notChat();
}
sdk::Result<std::string> OpenAiEmbeddingsAdapter::replaceModel(std::string_view, std::string_view) const noexcept {
  return notChat();
}
std::unique_ptr<sdk::ResponseEncoder> OpenAiEmbeddingsAdapter::makeEncoder(const sdk::RequestContext&,
                                                                           const sdk::RequestSummary&) const noexcept {
  return nullptr;
}

}  // namespace gateos::kernel::core

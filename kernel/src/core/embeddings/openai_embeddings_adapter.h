#pragma once
// POST /v1/embeddings in the OpenAI format, built into the kernel like Chat
// Completions: decode/encode through the shared codec
// (gateos/sdk/codec/openai_embeddings.h), errors in OpenAI's format. The chat
// side of sdk::Adapter is not used by this dialect and refuses.

#include "gateos/sdk/adapter.h"

namespace gateos::kernel::core {

class OpenAiEmbeddingsAdapter final : public sdk::Adapter {
 public:
  std::string_view dialect() const noexcept override;
  std::vector<sdk::AdapterRoute> routes() const override;

  sdk::Result<sdk::EmbeddingRequest> decodeEmbedding(const sdk::InboundRequest& request) const noexcept override;
  sdk::Result<std::string> encodeEmbedding(const sdk::InboundRequest& request, const sdk::EmbeddingRequest& decoded,
                                           const sdk::EmbeddingResponse& response) const noexcept override;
  std::string renderError(const sdk::Status& status) const noexcept override;

  // Chat operations: never routed here.
  sdk::Result<sdk::RequestSummary> summarize(const sdk::InboundRequest& request) const noexcept override;
  sdk::Result<sdk::ChatRequest> decode(const sdk::InboundRequest& request) const noexcept override;
  sdk::Result<std::string> replaceModel(std::string_view body, std::string_view model) const noexcept override;
  std::unique_ptr<sdk::ResponseEncoder> makeEncoder(const sdk::RequestContext& context,
                                                    const sdk::RequestSummary& summary) const noexcept override;
};

}  // namespace gateos::kernel::core

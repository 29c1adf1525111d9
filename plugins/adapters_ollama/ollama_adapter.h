#pragma once
// adapters.ollama: the Ollama API inbound, so tools that only speak Ollama
// reach any provider.
//   POST /api/chat        "chat"        NDJSON stream unless "stream": false
//   POST /api/generate    "chat"        prompt/system as a chat turn
//   POST /api/embed       "embeddings"
//   POST /api/embeddings  "embeddings"  (legacy, one vector)
//   GET  /api/tags        "models"      every routable model, Ollama's shape
//   POST /api/show        "show"        one model's details
//   GET  /api/version     "version"     answered locally
//   GET  /api/ps          "ps"          answered locally: no loaded models
// The plugin object is its own Adapter; it holds no state after configure().

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/plugin.h"

namespace gateos::plugins::adapters::ollama {

class OllamaAdapterPlugin final : public sdk::Plugin, public sdk::Adapter {
 public:
  sdk::Status configure(const sdk::Json& config, sdk::Host& host) noexcept override;
  sdk::Adapter* asAdapter() noexcept override { return this; }

  std::string_view dialect() const noexcept override;
  std::vector<sdk::AdapterRoute> routes() const override;
  sdk::Result<sdk::RequestSummary> summarize(const sdk::InboundRequest& request) const noexcept override;
  sdk::Result<sdk::ChatRequest> decode(const sdk::InboundRequest& request) const noexcept override;
  sdk::Result<std::string> replaceModel(std::string_view body, std::string_view model) const noexcept override;
  std::unique_ptr<sdk::ResponseEncoder> makeEncoder(const sdk::RequestContext& context,
                                                    const sdk::RequestSummary& summary) const noexcept override;
  std::string renderError(const sdk::Status& status) const noexcept override;

  sdk::Result<sdk::EmbeddingRequest> decodeEmbedding(const sdk::InboundRequest& request) const noexcept override;
  sdk::Result<std::string> encodeEmbedding(const sdk::InboundRequest& request, const sdk::EmbeddingRequest& decoded,
                                           const sdk::EmbeddingResponse& response) const noexcept override;
  sdk::Result<std::string> renderModels(const sdk::InboundRequest& request, std::string_view operation,
                                        const std::vector<sdk::ModelListing>& models) const noexcept override;
  sdk::Result<std::string> answerLocally(const sdk::InboundRequest& request,
                                         std::string_view operation) const noexcept override;
};

}  // namespace gateos::plugins::adapters::ollama

#pragma once
// Aider. Config: $HOME/.aider.conf.yml (or <project>/.aider.conf.yml):
// openai-api-base, openai-api-key and model "openai/<model>" (litellm's
// OpenAI-compatible route). Aider sends only the OpenAI Python SDK's headers,
// so its requests are known by the key connect gave it or a /c/aider/ prefix.

#include "gateos/sdk/integration/integration_plugin.h"

namespace gateos::plugins::integrations::aider {

class AiderIntegration final : public sdk::integration::IntegrationPlugin {
 public:
  std::string_view clientName() const noexcept override { return "Aider"; }
  bool recognizes(const sdk::InboundRequest& request) const noexcept override;
  void extract(const sdk::InboundRequest& request, const sdk::ChatRequest* decoded,
               sdk::ClientInfo& out) const noexcept override;
  std::vector<std::filesystem::path> configPaths(const sdk::ConnectOptions& options) const override;
  sdk::Result<std::vector<sdk::ConfigChange>> planConnect(const sdk::ConnectOptions& options) const noexcept override;
};

}  // namespace gateos::plugins::integrations::aider

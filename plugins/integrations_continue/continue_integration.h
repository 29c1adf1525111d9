#pragma once
// Continue (IDE extension and the cn CLI). Config: $HOME/.continue/config.yaml
// (or <project>/.continue/config.yaml): a GateOS entry at the head of the
// "models" list (provider openai, apiBase <gateway>/v1). Continue sends only
// SDK headers, so its requests are known by the key connect gave it or a
// /c/continue/ prefix; FIM / legacy completions are autocomplete.

#include "gateos/sdk/integration/integration_plugin.h"

namespace gateos::plugins::integrations::continue_dev {

class ContinueIntegration final : public sdk::integration::IntegrationPlugin {
 public:
  std::string_view clientName() const noexcept override { return "Continue"; }
  bool recognizes(const sdk::InboundRequest& request) const noexcept override;
  void extract(const sdk::InboundRequest& request, const sdk::ChatRequest* decoded,
               sdk::ClientInfo& out) const noexcept override;
  std::vector<std::filesystem::path> configPaths(const sdk::ConnectOptions& options) const override;
  sdk::Result<std::vector<sdk::ConfigChange>> planConnect(const sdk::ConnectOptions& options) const noexcept override;
};

}  // namespace gateos::plugins::integrations::continue_dev

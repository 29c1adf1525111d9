#pragma once
// Programs using the official OpenAI or Anthropic SDKs. Connect writes the
// environment variables those SDKs read to $HOME/.config/gateos/sdk.env (or
// <project>/.env.gateos) for `source`; requests are known by the SDKs'
// user-agents ("OpenAI/JS", "OpenAI/Python", "Anthropic/JS" …).

#include "gateos/sdk/integration/integration_plugin.h"

namespace gateos::plugins::integrations::sdk_env {

class SdkIntegration final : public gateos::sdk::integration::IntegrationPlugin {
 public:
  std::string_view clientName() const noexcept override { return "OpenAI / Anthropic SDK"; }
  bool recognizes(const gateos::sdk::InboundRequest& request) const noexcept override;
  void extract(const gateos::sdk::InboundRequest& request, const gateos::sdk::ChatRequest* decoded,
               gateos::sdk::ClientInfo& out) const noexcept override;
  std::vector<std::filesystem::path> configPaths(const gateos::sdk::ConnectOptions& options) const override;
  gateos::sdk::Result<std::vector<gateos::sdk::ConfigChange>> planConnect(const gateos::sdk::ConnectOptions& options) const noexcept override;
};

}  // namespace gateos::plugins::integrations::sdk_env

#pragma once
// Codex CLI (@openai/codex). Config: $HOME/.codex/config.toml (or
// <project>/.codex/config.toml), a [model_providers.gateos] table speaking
// the Responses API, selected by the top-level model_provider and model keys.
// Requests: POST /v1/responses with `originator: codex_exec` / user-agent
// "codex_…", the conversation in the `session-id` header.

#include "gateos/sdk/integration/integration_plugin.h"

namespace gateos::plugins::integrations::codex {

class CodexIntegration final : public sdk::integration::IntegrationPlugin {
 public:
  std::string_view clientName() const noexcept override { return "Codex CLI"; }
  bool recognizes(const sdk::InboundRequest& request) const noexcept override;
  void extract(const sdk::InboundRequest& request, const sdk::ChatRequest* decoded,
               sdk::ClientInfo& out) const noexcept override;
  std::vector<std::filesystem::path> configPaths(const sdk::ConnectOptions& options) const override;
  sdk::Result<std::vector<sdk::ConfigChange>> planConnect(const sdk::ConnectOptions& options) const noexcept override;
};

// The config text with GateOS's provider set (exposed for tests).
sdk::Result<std::string> connectCodexConfig(std::string_view current, const sdk::ConnectOptions& options);

}  // namespace gateos::plugins::integrations::codex

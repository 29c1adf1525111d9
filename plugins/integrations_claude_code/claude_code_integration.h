#pragma once
// Claude Code (@anthropic-ai/claude-code). Config: the "env" object of
// $HOME/.claude/settings.json (or <project>/.claude/settings.local.json, the
// per-user project file that is not committed): ANTHROPIC_BASE_URL, the key
// as ANTHROPIC_AUTH_TOKEN (sent as Authorization: Bearer), the model and the
// background (haiku) model. Requests: user-agent "claude-cli/…", the session
// in x-claude-code-session-id, files in its tools' "file_path" arguments.

#include "gateos/sdk/integration/integration_plugin.h"

namespace gateos::plugins::integrations::claude_code {

class ClaudeCodeIntegration final : public sdk::integration::IntegrationPlugin {
 public:
  std::string_view clientName() const noexcept override { return "Claude Code"; }
  bool recognizes(const sdk::InboundRequest& request) const noexcept override;
  void extract(const sdk::InboundRequest& request, const sdk::ChatRequest* decoded,
               sdk::ClientInfo& out) const noexcept override;
  std::vector<std::filesystem::path> configPaths(const sdk::ConnectOptions& options) const override;
  sdk::Result<std::vector<sdk::ConfigChange>> planConnect(const sdk::ConnectOptions& options) const noexcept override;
};

}  // namespace gateos::plugins::integrations::claude_code

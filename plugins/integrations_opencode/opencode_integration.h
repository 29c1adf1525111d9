#pragma once
// opencode (opencode-ai). Config: $HOME/.config/opencode/opencode.json (or
// <project>/opencode.json), JSON with comments: a "gateos" provider through the
// bundled @ai-sdk/openai-compatible package, selected by "model" and
// "small_model". Requests: user-agent "opencode/…", x-session-id, files in
// its tools' "filePath" arguments.

#include "gateos/sdk/integration/integration_plugin.h"

namespace gateos::plugins::integrations::opencode {

class OpencodeIntegration final : public sdk::integration::IntegrationPlugin {
 public:
  std::string_view clientName() const noexcept override { return "opencode"; }
  bool recognizes(const sdk::InboundRequest& request) const noexcept override;
  void extract(const sdk::InboundRequest& request, const sdk::ChatRequest* decoded,
               sdk::ClientInfo& out) const noexcept override;
  std::vector<std::filesystem::path> configPaths(const sdk::ConnectOptions& options) const override;
  sdk::Result<std::vector<sdk::ConfigChange>> planConnect(const sdk::ConnectOptions& options) const noexcept override;
};

}  // namespace gateos::plugins::integrations::opencode

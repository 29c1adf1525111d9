#include "claude_code_integration.h"

#include "gateos/sdk/integration/config_text.h"
#include "gateos/sdk/integration/request_signals.h"

namespace gateos::plugins::integrations::claude_code {

namespace fs = std::filesystem;
namespace gi = sdk::integration;
using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

bool ClaudeCodeIntegration::recognizes(const sdk::InboundRequest& request) const noexcept {
  return gi::userAgentStartsWith(request, "claude-cli/") || gi::header(request, "x-claude-code-session-id").size() > 0;
}

void ClaudeCodeIntegration::extract(const sdk::InboundRequest& request, const sdk::ChatRequest*,
                                    sdk::ClientInfo& out) const noexcept {
  try {
    out.sessionId = std::string(gi::header(request, "x-claude-code-session-id"));
    out.kind = sdk::RequestKind::kChat;
    // Read / Edit / Write tool calls name their file as "file_path"; NotebookEdit as "notebook_path".
    gi::collectFilePaths(request.body, "file_path", out.files);
    gi::collectFilePaths(request.body, "notebook_path", out.files);
  } catch (...) {
  }
}

std::vector<fs::path> ClaudeCodeIntegration::configPaths(const sdk::ConnectOptions& options) const {
  if (!options.project.empty()) return {options.project / ".claude" / "settings.local.json"};
  return {options.home / ".claude" / "settings.json"};
}

sdk::Result<std::vector<sdk::ConfigChange>> ClaudeCodeIntegration::planConnect(const sdk::ConnectOptions& options) const noexcept {
  try {
    const fs::path path = configPaths(options).front();
    auto current = gi::readConfigFile(path);
    if (!current) return current.status();
    const std::string text = current.value().value_or("");
    if (text.find_first_not_of(" \t\r\n") != std::string::npos)
      if (auto s = gi::checkJson(text); !s)
        return Status(StatusCode::kFailedPrecondition,
                      path.string() + " is not valid JSON (" + s.message() + "); it was left untouched");
    auto edited = gi::setJsonMembers(text, {"env"},
                                     {{"ANTHROPIC_BASE_URL", Json(options.baseUrl)},
                                      {"ANTHROPIC_AUTH_TOKEN", Json(options.gatewayKey)},
                                      {"ANTHROPIC_MODEL", Json(options.model)},
                                      {"ANTHROPIC_DEFAULT_HAIKU_MODEL", Json(options.model)}});
    if (!edited) return Status(StatusCode::kFailedPrecondition, path.string() + ": " + edited.status().message());
    if (auto s = gi::checkJson(edited.value()); !s) return Status(StatusCode::kInternal, "edited settings.json: " + s.message());
    return std::vector<sdk::ConfigChange>{gi::changeTo(path, current.value(), std::move(edited.value()))};
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, e.what());
  }
}

}  // namespace gateos::plugins::integrations::claude_code

#include "opencode_integration.h"

#include "gateos/sdk/integration/config_text.h"
#include "gateos/sdk/integration/request_signals.h"

namespace gateos::plugins::integrations::opencode {

namespace fs = std::filesystem;
namespace gi = sdk::integration;
using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

bool OpencodeIntegration::recognizes(const sdk::InboundRequest& request) const noexcept {
  return gi::userAgentStartsWith(request, "opencode/");
}

void OpencodeIntegration::extract(const sdk::InboundRequest& request, const sdk::ChatRequest*,
                                  sdk::ClientInfo& out) const noexcept {
  try {
    out.sessionId = std::string(gi::header(request, "x-session-id"));
    out.kind = sdk::RequestKind::kChat;
    gi::collectFilePaths(request.body, "filePath", out.files);
  } catch (...) {
  }
}

std::vector<fs::path> OpencodeIntegration::configPaths(const sdk::ConnectOptions& options) const {
  if (!options.project.empty()) return {options.project / "opencode.json"};
  return {options.home / ".config" / "opencode" / "opencode.json"};
}

sdk::Result<std::vector<sdk::ConfigChange>> OpencodeIntegration::planConnect(const sdk::ConnectOptions& options) const noexcept {
  try {
    const fs::path path = configPaths(options).front();
    auto current = gi::readConfigFile(path);
    if (!current) return current.status();
    std::string text = current.value().value_or("");
    if (text.find_first_not_of(" \t\r\n") != std::string::npos)
      if (auto s = gi::checkJson(text, true); !s)
        return Status(StatusCode::kFailedPrecondition,
                      path.string() + " is not valid JSON (" + s.message() + "); it was left untouched");
    Json provider{{"npm", "@ai-sdk/openai-compatible"},
                  {"name", "GateOS"},
                  {"options", {{"baseURL", options.baseUrl + "/v1"}, {"apiKey", options.gatewayKey}}},
                  {"models", {{options.model, {{"name", options.model}}}}}};
    auto edited = gi::setJsonMembers(text, {}, {{"model", Json("gateos/" + options.model)},
                                                {"small_model", Json("gateos/" + options.model)}});
    if (edited) edited = gi::setJsonMembers(edited.value(), {"provider"}, {{"gateos", provider}});
    if (!edited) return Status(StatusCode::kFailedPrecondition, path.string() + ": " + edited.status().message());
    if (auto s = gi::checkJson(edited.value(), true); !s) return Status(StatusCode::kInternal, "edited opencode.json: " + s.message());
    return std::vector<sdk::ConfigChange>{gi::changeTo(path, current.value(), std::move(edited.value()))};
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, e.what());
  }
}

}  // namespace gateos::plugins::integrations::opencode

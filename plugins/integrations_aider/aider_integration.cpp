#include "aider_integration.h"

#include "gateos/sdk/integration/config_text.h"
#include "gateos/sdk/integration/request_signals.h"

namespace gateos::plugins::integrations::aider {

namespace fs = std::filesystem;
namespace gi = sdk::integration;
using sdk::Status;
using sdk::StatusCode;

namespace {

// Aider puts each file in the chat as its path alone on a line, then a fence:
// "src/app.py\n```\n…" (JSON-escaped in the body: "src/app.py\\n```").
void collectAiderFiles(std::string_view body, std::vector<sdk::FileRef>& out) {
  constexpr std::string_view kFence = "\\n```";
  for (auto pos = body.find(kFence); pos != std::string_view::npos && out.size() < 32; pos = body.find(kFence, pos + 1)) {
    std::size_t start = pos;
    while (start > 0 && body[start - 1] != '"' && !(start >= 2 && body[start - 2] == '\\' && body[start - 1] == 'n')) --start;
    std::string_view path = body.substr(start, pos - start);
    if (path.empty() || path.size() > 512 || path.find_first_of(" \\`") != std::string_view::npos ||
        path.find('.') == std::string_view::npos)
      continue;
    bool seen = false;
    for (const auto& f : out) seen = seen || f.path == path;
    if (seen) continue;
    sdk::FileRef file;
    file.path = std::string(path);
    file.language = std::string(gi::languageOfPath(path));
    out.push_back(std::move(file));
  }
}

}  // namespace

bool AiderIntegration::recognizes(const sdk::InboundRequest&) const noexcept {
  // Aider sends only the OpenAI Python SDK's headers: known by its key or /c/aider/.
  return false;
}

void AiderIntegration::extract(const sdk::InboundRequest& request, const sdk::ChatRequest*,
                               sdk::ClientInfo& out) const noexcept {
  try {
    out.kind = sdk::RequestKind::kChat;
    collectAiderFiles(request.body, out.files);
  } catch (...) {
  }
}

std::vector<fs::path> AiderIntegration::configPaths(const sdk::ConnectOptions& options) const {
  return {(options.project.empty() ? options.home : options.project) / ".aider.conf.yml"};
}

sdk::Result<std::vector<sdk::ConfigChange>> AiderIntegration::planConnect(const sdk::ConnectOptions& options) const noexcept {
  try {
    const fs::path path = configPaths(options).front();
    auto current = gi::readConfigFile(path);
    if (!current) return current.status();
    const std::string text = current.value().value_or("");
    if (auto s = gi::checkYaml(text); !s)
      return Status(StatusCode::kFailedPrecondition, path.string() + " is not valid YAML (" + s.message() + "); it was left untouched");
    std::string edited = gi::setYamlTopLevel(text, {{"openai-api-base", gi::quoted(options.baseUrl + "/v1")},
                                                    {"openai-api-key", gi::quoted(options.gatewayKey)},
                                                    {"model", gi::quoted("openai/" + options.model)}});
    if (auto s = gi::checkYaml(edited); !s) return Status(StatusCode::kInternal, "edited .aider.conf.yml: " + s.message());
    return std::vector<sdk::ConfigChange>{gi::changeTo(path, current.value(), std::move(edited))};
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, e.what());
  }
}

}  // namespace gateos::plugins::integrations::aider

#include "sdk_integration.h"

#include "gateos/sdk/integration/config_text.h"
#include "gateos/sdk/integration/line_diff.h"
#include "gateos/sdk/integration/request_signals.h"

namespace gateos::plugins::integrations::sdk_env {

namespace fs = std::filesystem;
namespace gi = gateos::sdk::integration;
using gateos::sdk::Status;
using gateos::sdk::StatusCode;

namespace {

// A POSIX shell single-quoted word.
std::string shellQuoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

bool SdkIntegration::recognizes(const gateos::sdk::InboundRequest& request) const noexcept {
  return gi::userAgentStartsWith(request, "OpenAI/") || gi::userAgentStartsWith(request, "Anthropic/") ||
         gi::userAgentStartsWith(request, "AsyncOpenAI/") || gi::userAgentStartsWith(request, "AsyncAnthropic/");
}

void SdkIntegration::extract(const gateos::sdk::InboundRequest&, const gateos::sdk::ChatRequest*,
                             gateos::sdk::ClientInfo& out) const noexcept {
  out.kind = gateos::sdk::RequestKind::kChat;
}

std::vector<fs::path> SdkIntegration::configPaths(const gateos::sdk::ConnectOptions& options) const {
  if (!options.project.empty()) return {options.project / ".env.gateos"};
  return {options.home / ".config" / "gateos" / "sdk.env"};
}

gateos::sdk::Result<std::vector<gateos::sdk::ConfigChange>> SdkIntegration::planConnect(
    const gateos::sdk::ConnectOptions& options) const noexcept {
  try {
    const fs::path path = configPaths(options).front();
    auto current = gi::readConfigFile(path);
    if (!current) return current.status();
    const std::string text = current.value().value_or("");
    const std::vector<std::pair<std::string, std::string>> vars = {
        {"OPENAI_BASE_URL", options.baseUrl + "/v1"}, {"OPENAI_API_KEY", options.gatewayKey},
        {"ANTHROPIC_BASE_URL", options.baseUrl},      {"ANTHROPIC_API_KEY", options.gatewayKey},
        {"GATEOS_MODEL", options.model}};
    auto lines = gi::splitLines(text);
    std::vector<std::string> out(lines.begin(), lines.end());
    std::string appended = text.empty() ? "# GateOS for the OpenAI and Anthropic SDKs: `. " + path.string() + "`\n" : "";
    for (const auto& [name, value] : vars) {
      std::string line = "export " + name + "=" + shellQuoted(value) + "\n";
      auto at = gi::findKeyLine(lines, "export " + name, '=');
      if (at != std::string_view::npos)
        out[at] = line;
      else
        appended += line;
    }
    std::string edited;
    for (const auto& l : out) edited += l;
    if (!edited.empty() && edited.back() != '\n' && !appended.empty()) edited += '\n';
    edited += appended;
    return std::vector<gateos::sdk::ConfigChange>{gi::changeTo(path, current.value(), std::move(edited))};
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, e.what());
  }
}

}  // namespace gateos::plugins::integrations::sdk_env

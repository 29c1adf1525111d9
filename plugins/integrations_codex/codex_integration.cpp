#include "codex_integration.h"

#include "gateos/sdk/integration/config_text.h"
#include "gateos/sdk/integration/line_diff.h"
#include "gateos/sdk/integration/request_signals.h"

namespace gateos::plugins::integrations::codex {

namespace fs = std::filesystem;
namespace gi = sdk::integration;
using sdk::Status;
using sdk::StatusCode;

namespace {

constexpr std::string_view kTable = "[model_providers.gateos]";

bool isTableHeader(std::string_view line) {
  auto p = line.find_first_not_of(" \t");
  return p != std::string_view::npos && line[p] == '[';
}

}  // namespace

bool CodexIntegration::recognizes(const sdk::InboundRequest& request) const noexcept {
  return gi::header(request, "originator").starts_with("codex_") || gi::userAgentStartsWith(request, "codex_");
}

void CodexIntegration::extract(const sdk::InboundRequest& request, const sdk::ChatRequest*,
                               sdk::ClientInfo& out) const noexcept {
  try {
    std::string_view session = gi::header(request, "session-id");
    if (session.empty()) session = gi::header(request, "thread-id");
    out.sessionId = std::string(session);
    out.kind = sdk::RequestKind::kChat;  // Codex has no autocomplete
    // Paths Codex's own tools name in the history (apply_patch, view_image).
    gi::collectFilePaths(request.body, "path", out.files);
  } catch (...) {
  }
}

std::vector<fs::path> CodexIntegration::configPaths(const sdk::ConnectOptions& options) const {
  return {(options.project.empty() ? options.home : options.project) / ".codex" / "config.toml"};
}

sdk::Result<std::string> connectCodexConfig(std::string_view current, const sdk::ConnectOptions& options) {
  if (auto s = gi::checkToml(current); !s) return s;
  auto lines = gi::splitLines(current);
  std::vector<std::string> out(lines.begin(), lines.end());
  // Top-level keys live before the first table header.
  std::size_t firstTable = 0;
  while (firstTable < lines.size() && !isTableHeader(lines[firstTable])) ++firstTable;
  std::string prepend;
  for (const auto& [key, value] : {std::pair<std::string, std::string>{"model_provider", "gateos"},
                                   std::pair<std::string, std::string>{"model", options.model}}) {
    std::string line = key + " = " + gi::quoted(value) + "\n";
    auto at = gi::findKeyLine(lines, key, '=', 0, firstTable);
    if (at != std::string_view::npos)
      out[at] = line;
    else
      prepend += line;
  }
  // The provider table: replaced when present, appended otherwise.
  std::string table = std::string(kTable) + "\n" +
                      "name = \"GateOS\"\n"
                      "base_url = " + gi::quoted(options.baseUrl + "/v1") + "\n" +
                      "wire_api = \"responses\"\n"
                      "experimental_bearer_token = " + gi::quoted(options.gatewayKey) + "\n";
  std::size_t start = 0;
  while (start < lines.size() && lines[start].find(kTable) != 0) ++start;
  std::string text = prepend;
  if (start < lines.size()) {
    std::size_t end = start + 1;
    while (end < lines.size() && !isTableHeader(lines[end])) ++end;
    for (std::size_t i = 0; i < start; ++i) text += out[i];
    text += table;
    if (end < lines.size()) text += "\n";
    for (std::size_t i = end; i < lines.size(); ++i) text += out[i];
  } else {
    for (const auto& l : out) text += l;
    if (!text.empty() && text.back() != '\n') text += '\n';
    if (!current.empty()) text += '\n';
    text += table;
  }
  if (auto s = gi::checkToml(text); !s) return Status(StatusCode::kInternal, "the edited config.toml does not parse: " + s.message());
  return text;
}

sdk::Result<std::vector<sdk::ConfigChange>> CodexIntegration::planConnect(const sdk::ConnectOptions& options) const noexcept {
  try {
    const fs::path path = configPaths(options).front();
    auto current = gi::readConfigFile(path);
    if (!current) return current.status();
    auto text = connectCodexConfig(current.value().value_or(""), options);
    if (!text)
      return Status(text.status().code() == StatusCode::kInvalidArgument ? StatusCode::kFailedPrecondition : text.status().code(),
                    path.string() + " is not valid TOML (" + text.status().message() + "); it was left untouched");
    return std::vector<sdk::ConfigChange>{gi::changeTo(path, current.value(), std::move(text.value()))};
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, e.what());
  }
}

}  // namespace gateos::plugins::integrations::codex

#include "continue_integration.h"

#include "gateos/sdk/integration/config_text.h"
#include "gateos/sdk/integration/line_diff.h"
#include "gateos/sdk/integration/request_signals.h"


namespace gateos::plugins::integrations::continue_dev {

namespace fs = std::filesystem;
namespace gi = sdk::integration;
using sdk::Status;
using sdk::StatusCode;

namespace {

bool blankOrComment(std::string_view line) {
  auto p = line.find_first_not_of(" \t\r\n");
  return p == std::string_view::npos || line[p] == '#';
}

std::string modelItem(const std::string& indent, const sdk::ConnectOptions& o) {
  return indent + "- name: " + gi::quoted("GateOS " + o.model) + "\n" +
         indent + "  provider: openai\n" +
         indent + "  model: " + gi::quoted(o.model) + "\n" +
         indent + "  apiBase: " + gi::quoted(o.baseUrl + "/v1") + "\n" +
         indent + "  apiKey: " + gi::quoted(o.gatewayKey) + "\n" +
         indent + "  roles:\n" + indent + "    - chat\n" + indent + "    - edit\n" + indent + "    - apply\n";
}

// Continue embeds context files as fenced blocks headed "```<language> <path>".
void collectFencedFiles(std::string_view body, std::vector<sdk::FileRef>& out) {
  for (auto pos = body.find("```"); pos != std::string_view::npos && out.size() < 32; pos = body.find("```", pos + 3)) {
    std::size_t p = pos + 3, w = p;
    while (w < body.size() && body[w] != ' ' && body[w] != '\\' && body[w] != '"' && body[w] != '`') ++w;
    if (w == p || w >= body.size() || body[w] != ' ') continue;
    std::size_t q = w + 1, e = q;
    while (e < body.size() && body[e] != ' ' && body[e] != '\\' && body[e] != '"' && body[e] != '`') ++e;
    std::string_view path = body.substr(q, e - q);
    if (path.find('.') == std::string_view::npos || path.size() > 1024) continue;
    sdk::FileRef file;
    file.path = std::string(path);
    file.language = std::string(body.substr(p, w - p));
    out.push_back(std::move(file));
  }
}

}  // namespace

bool ContinueIntegration::recognizes(const sdk::InboundRequest&) const noexcept {
  // Continue sends only the OpenAI SDK's headers: the kernel knows it by its key or /c/continue/.
  return false;
}

void ContinueIntegration::extract(const sdk::InboundRequest& request, const sdk::ChatRequest*,
                                  sdk::ClientInfo& out) const noexcept {
  try {
    const bool completions = request.path.ends_with("/completions") && !request.path.ends_with("/chat/completions");
    out.kind = completions || request.body.find("\"suffix\"") != std::string_view::npos ? sdk::RequestKind::kAutocomplete
                                                                                          : sdk::RequestKind::kChat;
    collectFencedFiles(request.body, out.files);
    if (out.kind == sdk::RequestKind::kAutocomplete && !out.files.empty()) out.files.front().primary = true;
  } catch (...) {
  }
}

std::vector<fs::path> ContinueIntegration::configPaths(const sdk::ConnectOptions& options) const {
  return {(options.project.empty() ? options.home : options.project) / ".continue" / "config.yaml"};
}

sdk::Result<std::vector<sdk::ConfigChange>> ContinueIntegration::planConnect(const sdk::ConnectOptions& options) const noexcept {
  try {
    const fs::path path = configPaths(options).front();
    auto current = gi::readConfigFile(path);
    if (!current) return current.status();
    const std::string text = current.value().value_or("");
    if (auto s = gi::checkYaml(text); !s)
      return Status(StatusCode::kFailedPrecondition, path.string() + " is not valid YAML (" + s.message() + "); it was left untouched");
    auto lines = gi::splitLines(text);
    std::string edited;
    auto at = gi::findKeyLine(lines, "models", ':');
    if (at == std::string_view::npos) {
      edited = text.empty() ? "name: GateOS\nversion: 1.0.0\nschema: v1\n" : text;
      if (!edited.empty() && edited.back() != '\n') edited += '\n';
      edited += "models:\n" + modelItem("  ", options);
    } else {
      std::string_view rest = lines[at].substr(lines[at].find(':') + 1);
      auto value = rest.substr(0, rest.find('#'));
      bool empty = value.find_first_not_of(" \t\r\n") == std::string_view::npos;
      bool emptyFlow = !empty && value.find("[]") != std::string_view::npos;
      if (!empty && !emptyFlow)
        return Status(StatusCode::kFailedPrecondition,
                      path.string() + ": \"models\" is written inline; add the GateOS model by hand or write it as a list");
      std::string indent = "  ";
      for (std::size_t i = at + 1; empty && i < lines.size(); ++i) {
        if (blankOrComment(lines[i])) continue;
        auto dash = lines[i].find_first_not_of(' ');
        if (lines[i].substr(dash).starts_with("- ") || lines[i].substr(dash).starts_with("-\n")) indent = std::string(dash, ' ');
        break;
      }
      for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i == at && emptyFlow) {
          edited += "models:\n";
        } else {
          edited += lines[i];
        }
        if (i == at) {
          if (edited.back() != '\n') edited += '\n';
          edited += modelItem(indent, options);
        }
      }
    }
    if (auto s = gi::checkYaml(edited); !s) return Status(StatusCode::kInternal, "edited config.yaml: " + s.message());
    return std::vector<sdk::ConfigChange>{gi::changeTo(path, current.value(), std::move(edited))};
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, e.what());
  }
}

}  // namespace gateos::plugins::integrations::continue_dev

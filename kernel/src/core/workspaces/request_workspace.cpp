#include "core/workspaces/request_workspace.h"

namespace gateos::kernel::core {

std::string takeWorkspacePrefix(std::string& path) {
  constexpr std::string_view kPrefix = "/w/";
  if (!path.starts_with(kPrefix)) return {};
  std::size_t end = path.find('/', kPrefix.size());
  std::size_t nameEnd = end == std::string::npos ? path.size() : end;
  if (nameEnd == kPrefix.size()) return {};  // "/w//…": no name
  std::string name = path.substr(kPrefix.size(), nameEnd - kPrefix.size());
  if (end == std::string::npos)
    path = "/";
  else
    path.erase(0, end);
  return name;
}

sdk::Result<std::string> resolveRequestWorkspace(std::string_view header, std::string_view pathPrefix,
                                                 std::string_view keyWorkspace, const WorkspaceSnapshot& workspaces) {
  std::string_view name = keyWorkspace.empty() ? std::string_view("default") : keyWorkspace;
  std::string_view source = "the gateway key";
  if (!header.empty()) {
    name = header;
    source = "the X-GateOS-Workspace header";
  } else if (!pathPrefix.empty()) {
    name = pathPrefix;
    source = "the /w/<name>/ path prefix";
  }
  if (workspaces.find(name)) return std::string(name);
  std::string shown(name.substr(0, 64));
  for (char& c : shown)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f || c == '"') c = '?';
  return sdk::Status(sdk::StatusCode::kNotFound, "unknown workspace '" + shown + "' (from " + std::string(source) +
                                                     "); create it with POST /admin/api/v1/workspaces")
      .withReason("workspace_not_found");
}

}  // namespace gateos::kernel::core

#pragma once
// Which workspace a request belongs to, in order (docs/workspaces.md):
//   1. the X-GateOS-Workspace header,
//   2. a path prefix /w/<name>/… (in front of every dialect route),
//   3. the gateway key's workspace.
// Hot path: no allocation beyond the result string, no locks.

#include <string>
#include <string_view>

#include "core/workspaces/workspace_snapshot.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::core {

inline constexpr std::string_view kWorkspaceHeader = "x-gateos-workspace";

// When `path` starts with "/w/<name>/", removes that prefix (keeping the
// slash that follows) and returns <name>; otherwise returns empty and leaves
// `path` alone. "/w/<name>" alone becomes "/".
std::string takeWorkspacePrefix(std::string& path);

// The request's workspace, or kNotFound (reason "workspace_not_found") naming
// where the unknown name came from.
sdk::Result<std::string> resolveRequestWorkspace(std::string_view header, std::string_view pathPrefix,
                                                 std::string_view keyWorkspace, const WorkspaceSnapshot& workspaces);

}  // namespace gateos::kernel::core

#pragma once
// The registry of workspace sections (see workspace_section.h). Filled at
// start-up before the admin API serves, read-only afterwards.

#include <memory>
#include <string_view>
#include <vector>

#include "core/workspaces/workspace_section.h"

namespace gateos::kernel::core {

class WorkspaceSections {
 public:
  // Sections keep registration order in exports. A duplicate name is a bug: throws
  // std::logic_error at start-up.
  void add(std::shared_ptr<WorkspaceSection> section);

  WorkspaceSection* find(std::string_view name) const noexcept;
  const std::vector<std::shared_ptr<WorkspaceSection>>& all() const noexcept { return sections_; }

 private:
  std::vector<std::shared_ptr<WorkspaceSection>> sections_;
};

}  // namespace gateos::kernel::core

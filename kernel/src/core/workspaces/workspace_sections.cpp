#include "core/workspaces/workspace_sections.h"

#include <stdexcept>
#include <string>

namespace gateos::kernel::core {

void WorkspaceSections::add(std::shared_ptr<WorkspaceSection> section) {
  if (find(section->name()))
    throw std::logic_error("workspace section '" + std::string(section->name()) + "' registered twice");
  sections_.push_back(std::move(section));
}

WorkspaceSection* WorkspaceSections::find(std::string_view name) const noexcept {
  for (const auto& s : sections_)
    if (s->name() == name) return s.get();
  return nullptr;
}

}  // namespace gateos::kernel::core

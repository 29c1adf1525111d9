#pragma once
// The "templates" section of a workspace's export/import/deletion
// (docs/workspaces.md): the current version of each template, without history.
// An import replaces the workspace's templates (each becomes version 1).

#include "core/prompt_templates/template_service.h"
#include "core/workspaces/workspace_section.h"

namespace gateos::kernel::core {

class PromptTemplatesSection final : public WorkspaceSection {
 public:
  explicit PromptTemplatesSection(PromptTemplateService& service) : service_(service) {}

  std::string_view name() const noexcept override { return "templates"; }
  sdk::Result<sdk::Json> exportSection(std::string_view workspace) override { return service_.exportWorkspace(workspace); }
  sdk::Status validate(std::string_view workspace, const sdk::Json& section) override {
    return service_.validateWorkspace(workspace, section);
  }
  sdk::Status importSection(std::string_view workspace, const sdk::Json& section) override {
    return service_.importWorkspace(workspace, section);
  }
  sdk::Status removeWorkspace(std::string_view workspace) override { return service_.removeWorkspace(workspace); }
  // The plugin follows the database after either outcome (a no-op when nothing changed).
  void committed() override { publish(); }
  void rolledBack() override { publish(); }

 private:
  void publish();
  PromptTemplateService& service_;
};

}  // namespace gateos::kernel::core

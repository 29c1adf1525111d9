#pragma once
// Admin API for per-filetype default models (docs/routing.md): the rules of a
// workspace (list, replace, reorder) and a tester ("which model would a request
// about src/app.py get?"). The rules are the workspace settings of the plugin
// policies.filetype_default_model, stored through the "policies" workspace
// section, so they take part in workspace export/import.

#include <functional>
#include <memory>

#include "core/admin/admin_router.h"
#include "core/provider_catalog.h"
#include "core/workspaces/plugin_settings_section.h"
#include "core/workspaces/workspace_service.h"
#include "plugins/plugin_manager.h"

namespace gateos::kernel::core {

inline constexpr std::string_view kFiletypePolicyId = "policies.filetype_default_model";

struct FiletypeRouteDeps {
  WorkspaceService& service;
  PluginSettingsSection& policies;
  plugins::PluginManager& plugins;
  std::function<std::shared_ptr<const ProviderCatalog>()> catalog;
};

void registerFiletypeRuleRoutes(AdminRouter& router, FiletypeRouteDeps deps);

}  // namespace gateos::kernel::core

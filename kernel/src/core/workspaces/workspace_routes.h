#pragma once
// Admin API routes for workspaces (docs/openapi/admin.yaml, docs/workspaces.md):
// CRUD, export/import, and the per-workspace pipeline (stage on/off, order,
// settings) for the web UI's Pipeline page.

#include "core/admin/admin_router.h"
#include "core/workspaces/plugin_settings_section.h"
#include "core/workspaces/workspace_service.h"
#include "plugins/plugin_manager.h"

namespace gateos::kernel::core {

struct WorkspaceRouteDeps {
  WorkspaceService& service;
  PluginSettingsSection& pipeline;
  WorkspacePluginConfigs& configs;
  plugins::PluginManager& plugins;
};

void registerWorkspaceRoutes(AdminRouter& router, WorkspaceRouteDeps deps);

}  // namespace gateos::kernel::core

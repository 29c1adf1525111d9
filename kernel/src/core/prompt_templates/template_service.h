#pragma once
// Prompt templates behind the admin API (docs/templates.md): named templates
// per workspace with every version kept, validated with the same SDK code the
// stages.prompt_templates plugin renders with (sdk/util/prompt_template.h), so
// an unknown variable or bad syntax is refused when saved, never at request
// time. The active version of every template reaches the plugin as its
// "templates" configuration: each change re-activates the plugin inside the
// change's transaction, so a change the plugin refuses is rolled back and the
// request path never reads the database.
//
// Threads: every method blocks on the database (admin worker pool, start-up);
// changes are serialised by `runChange`. templatesConfig() is safe anywhere.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "storage/database.h"
#include "storage/prompt_template_store.h"

namespace gateos::kernel::core {

inline constexpr std::string_view kPromptTemplatesPluginId = "stages.prompt_templates";

struct PromptTemplateServiceDeps {
  storage::Database* database = nullptr;
  // Whether a workspace exists (the workspace service's snapshot).
  std::function<bool(std::string_view)> workspaceExists;
  // Runs `change` as one transaction, serialised with other changes (the
  // workspace service's change() when workspaces are wired; else a mutex and
  // Database::transaction).
  std::function<sdk::Status(const std::function<sdk::Status()>&)> runChange;
  // Re-activates stages.prompt_templates so that it reads templatesConfig();
  // OK when the plugin is not active (the templates wait for it).
  std::function<sdk::Status()> reconfigurePlugin;
};

class PromptTemplateService {
 public:
  explicit PromptTemplateService(PromptTemplateServiceDeps deps);

  // Reads the stored templates: call at start-up before plugins are activated.
  sdk::Status load();
  // The plugin's "templates" config: the current version of every template.
  std::shared_ptr<const sdk::Json> templatesConfig() const noexcept { return active_.load(); }

  sdk::Result<sdk::Json> list(const std::string& workspace);
  sdk::Result<sdk::Json> get(const std::string& workspace, const std::string& name);
  sdk::Result<sdk::Json> versions(const std::string& workspace, const std::string& name);
  sdk::Result<sdk::Json> version(const std::string& workspace, const std::string& name, std::int64_t version);
  // body: a definition with "name" → version 1 (kConflict if it exists).
  sdk::Result<sdk::Json> create(const std::string& workspace, const sdk::Json& body);
  // body: the whole new definition → the next version.
  sdk::Result<sdk::Json> update(const std::string& workspace, const std::string& name, const sdk::Json& body);
  // A new version with the content of `version`.
  sdk::Result<sdk::Json> rollback(const std::string& workspace, const std::string& name, std::int64_t version);
  sdk::Status remove(const std::string& workspace, const std::string& name);
  // Renders the workspace's templates (or a draft) into a sample request; no model is called.
  sdk::Result<sdk::Json> preview(const std::string& workspace, const sdk::Json& body);

  // Workspace export/import (TemplatesSection): an array of current definitions with names.
  sdk::Result<sdk::Json> exportWorkspace(std::string_view workspace);
  sdk::Status validateWorkspace(std::string_view workspace, const sdk::Json& section);
  // Inside the caller's transaction: replaces the workspace's templates (null: none).
  sdk::Status importWorkspace(std::string_view workspace, const sdk::Json& section);
  sdk::Status removeWorkspace(std::string_view workspace);

  // Re-reads the database and pushes the result to the plugin when it changed
  // (after a commit or a rollback).
  sdk::Status publish();

  // A definition checked and normalised for `workspace` (defaults filled in,
  // identity removed): what the store keeps. Errors are kInvalidArgument.
  static sdk::Result<sdk::Json> checkDefinition(std::string_view workspace, std::string_view name, const sdk::Json& body);

 private:
  sdk::Result<sdk::Json> change(const std::string& workspace, const std::function<sdk::Result<sdk::Json>()>& write);
  sdk::Status requireWorkspace(std::string_view workspace) const;
  sdk::Result<sdk::Json> describeCurrent(const std::string& workspace, const std::string& name);

  PromptTemplateServiceDeps deps_;
  storage::PromptTemplateStore store_;
  std::atomic<std::shared_ptr<const sdk::Json>> active_;
  std::mutex publishMutex_;
  sdk::Json pushed_;  // what the plugin was last configured with (guarded by publishMutex_)
};

}  // namespace gateos::kernel::core

#pragma once
// Prompt templates and their versions (tables in prompt_template_schema.h).
// Validation is the caller's (core/prompt_templates): the store keeps whatever
// definition it is given. Blocking: control/worker threads only.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::storage {

class Database;

struct PromptTemplateVersion {
  std::int64_t version = 0;
  sdk::Json definition;  // without workspace, name, version
  std::int64_t createdAt = 0;
  std::optional<std::int64_t> rolledBackFrom;  // the version this one restored
};

struct PromptTemplateRecord {
  std::string workspace;
  std::string name;
  std::int64_t version = 0;  // current (highest)
  sdk::Json definition;      // of the current version
  std::int64_t createdAt = 0;
  std::int64_t updatedAt = 0;
};

// One template with its whole history: what a delete removes and an undo puts back.
struct PromptTemplateHistory {
  PromptTemplateRecord current;
  std::vector<PromptTemplateVersion> versions;  // ascending
};

class PromptTemplateStore {
 public:
  explicit PromptTemplateStore(Database& db) : db_(db) {}

  // Current versions; all workspaces (ordered by workspace, name) or one.
  sdk::Result<std::vector<PromptTemplateRecord>> listAll();
  sdk::Result<std::vector<PromptTemplateRecord>> list(std::string_view workspace);
  sdk::Result<std::optional<PromptTemplateRecord>> get(std::string_view workspace, std::string_view name);
  // Every version, ascending (empty when the template does not exist).
  sdk::Result<std::vector<PromptTemplateVersion>> versions(std::string_view workspace, std::string_view name);
  sdk::Result<std::optional<PromptTemplateVersion>> version(std::string_view workspace, std::string_view name,
                                                            std::int64_t version);

  // Version 1 of a new template; kConflict when it exists.
  sdk::Result<std::int64_t> create(std::string_view workspace, std::string_view name, const sdk::Json& definition);
  // The next version of an existing template (kNotFound otherwise); returns it.
  sdk::Result<std::int64_t> addVersion(std::string_view workspace, std::string_view name, const sdk::Json& definition,
                                       std::optional<std::int64_t> rolledBackFrom = std::nullopt);
  // Removes a template with its history; kNotFound when absent.
  sdk::Status remove(std::string_view workspace, std::string_view name);
  // Removes every template of a workspace (its deletion); returns how many.
  sdk::Result<int> removeWorkspace(std::string_view workspace);

  // The template with its history (nullopt when absent), and the inverse:
  // replaces whatever is stored under (workspace, name) by `history` (nullopt:
  // nothing). Used to undo a change the plugin could not take.
  sdk::Result<std::optional<PromptTemplateHistory>> history(std::string_view workspace, std::string_view name);
  sdk::Status restore(std::string_view workspace, std::string_view name, const std::optional<PromptTemplateHistory>& history);

 private:
  sdk::Result<std::vector<PromptTemplateRecord>> query(std::string_view where, std::string_view workspace);
  Database& db_;
};

}  // namespace gateos::kernel::storage

#pragma once
// Tables of the prompt templates (kernel/src/core/prompt_templates): one row per
// template with its current version, and every version ever saved. An update or
// a rollback adds a version; the current one is always the highest.
// definition_json holds the definition without its identity (workspace, name,
// version): body, placement, order, enabled, description, variables, match.

namespace gateos::kernel::storage {

inline constexpr const char* kPromptTemplatesSchema = R"sql(
CREATE TABLE prompt_templates (
  workspace TEXT NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace, name)
);
CREATE TABLE prompt_template_versions (
  workspace TEXT NOT NULL,
  name TEXT NOT NULL,
  version INTEGER NOT NULL,
  definition_json TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  rolled_back_from INTEGER NULL,
  PRIMARY KEY (workspace, name, version),
  FOREIGN KEY (workspace, name) REFERENCES prompt_templates (workspace, name) ON DELETE CASCADE
);
)sql";

}  // namespace gateos::kernel::storage

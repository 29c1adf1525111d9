#pragma once
// A workspace section: one kind of workspace-scoped configuration (the stage
// pipeline, file-type rules, prompt templates …) that takes part in a
// workspace's export, import and deletion. Each feature implements one in its
// own files and registers it with WorkspaceSections at start-up (kernel.cpp);
// the workspace service knows nothing about the section's contents.
// How-to: /work/notes/workspace_sections.md and docs/workspaces.md.
//
// Threads: every method runs on the admin worker pool, one import/delete at a
// time (the service serialises them), and may block on the database.
// Methods return Status and must not throw (an escaped exception is turned into
// an internal error and rolls the transaction back).

#include <string_view>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::core {

class WorkspaceSection {
 public:
  virtual ~WorkspaceSection() = default;

  // The section's key in the export document ("pipeline", "templates" …):
  // lower case, stable across versions.
  virtual std::string_view name() const noexcept = 0;

  // The workspace's data of this section as one JSON value, exactly what
  // importSection() accepts back. Return null when the workspace has nothing
  // (the key is then left out of the export).
  virtual sdk::Result<sdk::Json> exportSection(std::string_view workspace) = 0;

  // Checks a section value before anything is written: shape, references
  // (unknown models, bad globs, template syntax). No writes. Errors name the
  // field ("rules[2].glob: unclosed '['"); the service prefixes the section.
  virtual sdk::Status validate(std::string_view workspace, const sdk::Json& section) = 0;

  // Replaces the workspace's data of this section by `section` (validated; null
  // means "nothing": clear the workspace's data). Runs INSIDE the import's
  // database transaction: write with the same storage::Database (nested
  // transactions become savepoints); an error rolls back every section.
  virtual sdk::Status importSection(std::string_view workspace, const sdk::Json& section) = 0;

  // Deletes the workspace's data of this section. Inside the delete's transaction.
  virtual sdk::Status removeWorkspace(std::string_view workspace) = 0;

  // After the transaction committed: publish new snapshots, reconfigure plugins.
  // Called once per import or delete, for every section.
  virtual void committed() {}

  // After the transaction was rolled back: undo in-memory effects, if
  // importSection() had any (most sections have none).
  virtual void rolledBack() {}
};

}  // namespace gateos::kernel::core

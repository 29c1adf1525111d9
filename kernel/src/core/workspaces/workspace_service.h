#pragma once
// Workspaces (docs/workspaces.md): CRUD, export and import as one JSON
// document built from the registered WorkspaceSections, and the immutable
// WorkspaceSnapshot the request path reads.
//
// Threads: snapshot() is lock-free and safe on event loops. Everything else
// blocks on the database: admin worker pool or start-up only; changes are
// serialised by one mutex and each is one transaction.

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "core/workspaces/workspace_sections.h"
#include "core/workspaces/workspace_snapshot.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"
#include "storage/database.h"

namespace gateos::kernel::core {

class WorkspaceService {
 public:
  // `activeKeysIn`: number of unrevoked gateway keys bound to a workspace
  // (deleting such a workspace is refused).
  WorkspaceService(storage::Database& database, std::function<std::size_t(std::string_view)> activeKeysIn);

  // Register sections before the first admin request (start-up, kernel.cpp).
  WorkspaceSections& sections() noexcept { return sections_; }

  // Rebuilds and publishes the snapshot from the database.
  sdk::Status reload();
  std::shared_ptr<const WorkspaceSnapshot> snapshot() const noexcept { return snapshot_.load(std::memory_order_acquire); }

  static bool validName(std::string_view name) noexcept;

  sdk::Result<sdk::Json> list();
  sdk::Result<sdk::Json> get(const std::string& name);
  // body: {"name", "description"?}
  sdk::Result<sdk::Json> create(const sdk::Json& body);
  // body: {"description"}
  sdk::Result<sdk::Json> update(const std::string& name, const sdk::Json& body);
  sdk::Status remove(const std::string& name);

  // {"format":"gateos.workspace","version":1,"workspace":{...},"sections":{<name>: …}}
  sdk::Result<sdk::Json> exportWorkspace(const std::string& name);
  struct ImportOptions {
    std::string name;      // import under this name instead of the document's
    bool replace = false;  // replace an existing workspace's sections
  };
  sdk::Result<sdk::Json> importWorkspace(const sdk::Json& document, const ImportOptions& options);

  // Runs `change` (database writes, plugin reconfiguration) in one transaction
  // with the sections' committed()/rolledBack() hooks and a snapshot reload:
  // for feature routes that change one section in place (e.g. file-type rules).
  sdk::Status change(const std::function<sdk::Status()>& change);

 private:
  sdk::Status requireExists(const std::string& name);

  storage::Database& database_;
  std::function<std::size_t(std::string_view)> activeKeysIn_;
  WorkspaceSections sections_;
  std::mutex mutex_;  // serialises changes
  std::atomic<std::shared_ptr<const WorkspaceSnapshot>> snapshot_;
};

}  // namespace gateos::kernel::core

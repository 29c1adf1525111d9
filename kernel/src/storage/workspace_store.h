#pragma once
// Workspaces: named scopes of configuration (docs/workspaces.md). The row
// `default` is created by the schema migration and can be neither renamed nor
// deleted. Blocking: control/worker threads only.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::kernel::storage {

class Database;

struct WorkspaceRecord {
  std::string name;
  std::string description;
  std::int64_t createdAt = 0;  // ms since epoch
  std::int64_t updatedAt = 0;
};

class WorkspaceStore {
 public:
  explicit WorkspaceStore(Database& db) : db_(db) {}

  sdk::Result<std::vector<WorkspaceRecord>> list();  // ordered by name
  sdk::Result<std::optional<WorkspaceRecord>> get(std::string_view name);
  sdk::Status create(std::string_view name, std::string_view description);  // kConflict when present
  sdk::Status update(std::string_view name, std::string_view description);  // kNotFound when absent
  sdk::Status remove(std::string_view name);  // kNotFound when absent; cascades to workspace_plugins

 private:
  Database& db_;
};

}  // namespace gateos::kernel::storage

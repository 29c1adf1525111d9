#include "storage/workspace_store.h"

#include "storage/database.h"

namespace gateos::kernel::storage {

using sdk::Status;
using sdk::StatusCode;

sdk::Result<std::vector<WorkspaceRecord>> WorkspaceStore::list() {
  auto stmt = db_.prepare("SELECT name, description, created_at, updated_at FROM workspaces ORDER BY name");
  if (!stmt) return stmt.status().prefixed("list workspaces");
  std::vector<WorkspaceRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.status().prefixed("list workspaces");
    if (!row.value()) break;
    out.push_back({stmt->columnText(0), stmt->columnText(1), stmt->columnInt(2), stmt->columnInt(3)});
  }
  return out;
}

sdk::Result<std::optional<WorkspaceRecord>> WorkspaceStore::get(std::string_view name) {
  const std::string context = "get workspace " + std::string(name);
  auto stmt = db_.prepare("SELECT name, description, created_at, updated_at FROM workspaces WHERE name = ?");
  if (!stmt) return stmt.status().prefixed(context);
  auto row = stmt->bindText(1, name).step();
  if (!row) return row.status().prefixed(context);
  if (!row.value()) return std::optional<WorkspaceRecord>();
  return std::optional<WorkspaceRecord>(
      WorkspaceRecord{stmt->columnText(0), stmt->columnText(1), stmt->columnInt(2), stmt->columnInt(3)});
}

Status WorkspaceStore::create(std::string_view name, std::string_view description) {
  const std::string context = "create workspace " + std::string(name);
  auto existing = get(name);
  if (!existing) return existing.status();
  if (existing.value()) return Status(StatusCode::kConflict, context + ": already exists");
  auto stmt = db_.prepare("INSERT INTO workspaces (name, description, created_at, updated_at) VALUES (?, ?, ?, ?)");
  if (!stmt) return stmt.status().prefixed(context);
  const auto now = Database::nowMs();
  if (auto s = stmt->bindText(1, name).bindText(2, description).bindInt(3, now).bindInt(4, now).run(); !s)
    return s.prefixed(context);
  return {};
}

Status WorkspaceStore::update(std::string_view name, std::string_view description) {
  const std::string context = "update workspace " + std::string(name);
  auto stmt = db_.prepare("UPDATE workspaces SET description = ?, updated_at = ? WHERE name = ?");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, description).bindInt(2, Database::nowMs()).bindText(3, name).run(); !s)
    return s.prefixed(context);
  if (stmt->changes() == 0) return Status(StatusCode::kNotFound, "workspace " + std::string(name) + " not found");
  return {};
}

Status WorkspaceStore::remove(std::string_view name) {
  const std::string context = "remove workspace " + std::string(name);
  auto stmt = db_.prepare("DELETE FROM workspaces WHERE name = ?");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, name).run(); !s) return s.prefixed(context);
  if (stmt->changes() == 0) return Status(StatusCode::kNotFound, "workspace " + std::string(name) + " not found");
  return {};
}

}  // namespace gateos::kernel::storage

#include "storage/alias_store.h"

#include "storage/database.h"

namespace gateos::kernel::storage {

sdk::Result<std::vector<AliasRecord>> AliasStore::list() {
  auto stmt = db_.prepare("SELECT alias, target FROM aliases ORDER BY alias");
  if (!stmt) return stmt.status().prefixed("list aliases");
  std::vector<AliasRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.status().prefixed("list aliases");
    if (!row.value()) break;
    out.push_back({stmt->columnText(0), stmt->columnText(1)});
  }
  return out;
}

sdk::Result<std::optional<std::string>> AliasStore::get(std::string_view alias) {
  const std::string context = "get alias " + std::string(alias);
  auto stmt = db_.prepare("SELECT target FROM aliases WHERE alias = ?");
  if (!stmt) return stmt.status().prefixed(context);
  auto row = stmt->bindText(1, alias).step();
  if (!row) return row.status().prefixed(context);
  if (!row.value()) return std::optional<std::string>();
  return std::optional<std::string>(stmt->columnText(0));
}

sdk::Status AliasStore::set(std::string_view alias, std::string_view target) {
  const std::string context = "set alias " + std::string(alias);
  auto stmt = db_.prepare(
      "INSERT INTO aliases (alias, target) VALUES (?, ?) ON CONFLICT (alias) DO UPDATE SET target = excluded.target");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, alias).bindText(2, target).run(); !s) return s.prefixed(context);
  return {};
}

sdk::Status AliasStore::remove(std::string_view alias) {
  const std::string context = "remove alias " + std::string(alias);
  auto stmt = db_.prepare("DELETE FROM aliases WHERE alias = ?");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, alias).run(); !s) return s.prefixed(context);
  if (stmt->changes() == 0) return sdk::Status(sdk::StatusCode::kNotFound, context + ": no such alias");
  return {};
}

}  // namespace gateos::kernel::storage

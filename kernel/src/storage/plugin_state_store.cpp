#include "storage/plugin_state_store.h"

#include "storage/database.h"

namespace gateos::kernel::storage {
namespace {

sdk::Result<PluginStateRecord> readRow(const Statement& stmt) {
  PluginStateRecord r;
  r.id = stmt.columnText(0);
  r.version = stmt.columnText(1);
  r.enabled = stmt.columnInt(2) != 0;
  r.config = sdk::Json::parse(stmt.columnText(3), nullptr, false);
  if (r.config.is_discarded()) {
    return sdk::Status(sdk::StatusCode::kInternal, "plugin " + r.id + ": config_json: invalid JSON");
  }
  r.updatedAt = stmt.columnInt(4);
  return r;
}

}  // namespace

sdk::Result<std::vector<PluginStateRecord>> PluginStateStore::list() {
  auto stmt = db_.prepare("SELECT id, version, enabled, config_json, updated_at FROM plugins ORDER BY id");
  if (!stmt) return stmt.status().prefixed("list plugins");
  std::vector<PluginStateRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.status().prefixed("list plugins");
    if (!row.value()) break;
    auto record = readRow(*stmt);
    if (!record) return record.status().prefixed("list plugins");
    out.push_back(std::move(record).value());
  }
  return out;
}

sdk::Result<std::optional<PluginStateRecord>> PluginStateStore::get(std::string_view id) {
  const std::string context = "get plugin " + std::string(id);
  auto stmt = db_.prepare("SELECT id, version, enabled, config_json, updated_at FROM plugins WHERE id = ?");
  if (!stmt) return stmt.status().prefixed(context);
  auto row = stmt->bindText(1, id).step();
  if (!row) return row.status().prefixed(context);
  if (!row.value()) return std::optional<PluginStateRecord>();
  auto record = readRow(*stmt);
  if (!record) return record.status().prefixed(context);
  return std::optional<PluginStateRecord>(std::move(record).value());
}

sdk::Status PluginStateStore::upsert(const PluginStateRecord& record) {
  const std::string context = "save plugin " + record.id;
  auto stmt = db_.prepare(
      "INSERT INTO plugins (id, version, enabled, config_json, updated_at) VALUES (?, ?, ?, ?, ?) "
      "ON CONFLICT (id) DO UPDATE SET version = excluded.version, enabled = excluded.enabled, "
      "config_json = excluded.config_json, updated_at = excluded.updated_at");
  if (!stmt) return stmt.status().prefixed(context);
  stmt->bindText(1, record.id)
      .bindText(2, record.version)
      .bindInt(3, record.enabled ? 1 : 0)
      .bindText(4, record.config.dump(-1, ' ', false, sdk::Json::error_handler_t::replace))
      .bindInt(5, Database::nowMs());
  if (auto s = stmt->run(); !s) return s.prefixed(context);
  return {};
}

sdk::Status PluginStateStore::remove(std::string_view id) {
  const std::string context = "remove plugin " + std::string(id);
  auto stmt = db_.prepare("DELETE FROM plugins WHERE id = ?");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, id).run(); !s) return s.prefixed(context);
  if (stmt->changes() == 0) return sdk::Status(sdk::StatusCode::kNotFound, context + ": no such plugin");
  return {};
}

}  // namespace gateos::kernel::storage

#include "storage/settings_store.h"

#include "storage/database.h"

namespace gateos::kernel::storage {

sdk::Result<std::optional<std::string>> SettingsStore::get(std::string_view key) {
  const std::string context = "get setting " + std::string(key);
  auto stmt = db_.prepare("SELECT value FROM settings WHERE key = ?");
  if (!stmt) return stmt.status().prefixed(context);
  auto row = stmt->bindText(1, key).step();
  if (!row) return row.status().prefixed(context);
  if (!row.value()) return std::optional<std::string>();
  return std::optional<std::string>(stmt->columnText(0));
}

sdk::Status SettingsStore::set(std::string_view key, std::string_view value) {
  const std::string context = "set setting " + std::string(key);
  auto stmt = db_.prepare(
      "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, key).bindText(2, value).run(); !s) return s.prefixed(context);
  return {};
}

sdk::Status SettingsStore::erase(std::string_view key) {
  const std::string context = "erase setting " + std::string(key);
  auto stmt = db_.prepare("DELETE FROM settings WHERE key = ?");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, key).run(); !s) return s.prefixed(context);
  return {};
}

}  // namespace gateos::kernel::storage

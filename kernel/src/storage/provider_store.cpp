#include "storage/provider_store.h"

#include "storage/database.h"

namespace gateos::kernel::storage {
namespace {

constexpr const char* kColumns = "name, driver, options_json, credential_sealed, created_at, updated_at";

sdk::Result<ProviderRecord> readRow(const Statement& stmt) {
  ProviderRecord r;
  r.name = stmt.columnText(0);
  r.driver = stmt.columnText(1);
  r.optionsJson = sdk::Json::parse(stmt.columnText(2), nullptr, false);
  if (r.optionsJson.is_discarded()) {
    return sdk::Status(sdk::StatusCode::kInternal, "provider " + r.name + ": options_json: invalid JSON");
  }
  r.credentialSealed = stmt.columnOptionalText(3);
  r.createdAt = stmt.columnInt(4);
  r.updatedAt = stmt.columnInt(5);
  return r;
}

}  // namespace

sdk::Result<std::vector<ProviderRecord>> ProviderStore::list() {
  auto stmt = db_.prepare(std::string("SELECT ") + kColumns + " FROM providers ORDER BY name");
  if (!stmt) return stmt.status().prefixed("list providers");
  std::vector<ProviderRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.status().prefixed("list providers");
    if (!row.value()) break;
    auto record = readRow(*stmt);
    if (!record) return record.status().prefixed("list providers");
    out.push_back(std::move(record).value());
  }
  return out;
}

sdk::Result<std::optional<ProviderRecord>> ProviderStore::get(std::string_view name) {
  const std::string context = "get provider " + std::string(name);
  auto stmt = db_.prepare(std::string("SELECT ") + kColumns + " FROM providers WHERE name = ?");
  if (!stmt) return stmt.status().prefixed(context);
  stmt->bindText(1, name);
  auto row = stmt->step();
  if (!row) return row.status().prefixed(context);
  if (!row.value()) return std::optional<ProviderRecord>();
  auto record = readRow(*stmt);
  if (!record) return record.status().prefixed(context);
  return std::optional<ProviderRecord>(std::move(record).value());
}

sdk::Status ProviderStore::upsert(const ProviderRecord& record) {
  const std::string context = "save provider " + record.name;
  auto stmt = db_.prepare(
      "INSERT INTO providers (name, driver, options_json, credential_sealed, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?5) "
      "ON CONFLICT (name) DO UPDATE SET driver = excluded.driver, options_json = excluded.options_json, "
      "credential_sealed = excluded.credential_sealed, updated_at = excluded.updated_at");
  if (!stmt) return stmt.status().prefixed(context);
  stmt->bindText(1, record.name)
      .bindText(2, record.driver)
      .bindText(3, record.optionsJson.dump(-1, ' ', false, sdk::Json::error_handler_t::replace))
      .bindOptionalText(4, record.credentialSealed)
      .bindInt(5, Database::nowMs());
  if (auto s = stmt->run(); !s) return s.prefixed(context);
  return {};
}

sdk::Status ProviderStore::remove(std::string_view name) {
  const std::string context = "remove provider " + std::string(name);
  auto stmt = db_.prepare("DELETE FROM providers WHERE name = ?");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, name).run(); !s) return s.prefixed(context);
  if (stmt->changes() == 0) return sdk::Status(sdk::StatusCode::kNotFound, context + ": no such provider");
  return {};
}

}  // namespace gateos::kernel::storage

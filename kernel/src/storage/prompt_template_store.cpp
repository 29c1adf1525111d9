#include "storage/prompt_template_store.h"

#include "storage/database.h"

namespace gateos::kernel::storage {
namespace {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

std::string label(std::string_view workspace, std::string_view name) {
  return std::string(workspace) + "/" + std::string(name);
}

sdk::Result<Json> parseDefinition(const std::string& text, const std::string& context) {
  Json definition = Json::parse(text, nullptr, false);
  if (definition.is_discarded()) return Status(StatusCode::kInternal, context + ": definition_json: invalid JSON");
  return definition;
}

std::string dump(const Json& json) { return json.dump(-1, ' ', false, Json::error_handler_t::replace); }

constexpr std::string_view kSelectCurrent =
    "SELECT t.workspace, t.name, t.version, v.definition_json, t.created_at, t.updated_at "
    "FROM prompt_templates t JOIN prompt_template_versions v "
    "ON v.workspace = t.workspace AND v.name = t.name AND v.version = t.version ";

Status insertVersion(Database& db, std::string_view workspace, std::string_view name, const PromptTemplateVersion& v) {
  auto stmt = db.prepare(
      "INSERT INTO prompt_template_versions (workspace, name, version, definition_json, created_at, rolled_back_from) "
      "VALUES (?, ?, ?, ?, ?, ?)");
  if (!stmt) return stmt.status();
  return stmt->bindText(1, workspace)
      .bindText(2, name)
      .bindInt(3, v.version)
      .bindText(4, dump(v.definition))
      .bindInt(5, v.createdAt)
      .bindOptionalInt(6, v.rolledBackFrom)
      .run();
}

}  // namespace

sdk::Result<std::vector<PromptTemplateRecord>> PromptTemplateStore::query(std::string_view where,
                                                                          std::string_view workspace) {
  auto stmt = db_.prepare(std::string(kSelectCurrent) + std::string(where) + " ORDER BY t.workspace, t.name");
  if (!stmt) return stmt.status().prefixed("list prompt templates");
  if (!workspace.empty()) stmt->bindText(1, workspace);
  std::vector<PromptTemplateRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.status().prefixed("list prompt templates");
    if (!row.value()) break;
    PromptTemplateRecord r;
    r.workspace = stmt->columnText(0);
    r.name = stmt->columnText(1);
    r.version = stmt->columnInt(2);
    auto definition = parseDefinition(stmt->columnText(3), "prompt template " + label(r.workspace, r.name));
    if (!definition) return definition.status();
    r.definition = std::move(definition.value());
    r.createdAt = stmt->columnInt(4);
    r.updatedAt = stmt->columnInt(5);
    out.push_back(std::move(r));
  }
  return out;
}

sdk::Result<std::vector<PromptTemplateRecord>> PromptTemplateStore::listAll() { return query("", ""); }

sdk::Result<std::vector<PromptTemplateRecord>> PromptTemplateStore::list(std::string_view workspace) {
  return query("WHERE t.workspace = ?", workspace);
}

sdk::Result<std::optional<PromptTemplateRecord>> PromptTemplateStore::get(std::string_view workspace,
                                                                          std::string_view name) {
  auto all = list(workspace);
  if (!all) return all.status();
  for (auto& r : all.value())
    if (r.name == name) return std::optional<PromptTemplateRecord>(std::move(r));
  return std::optional<PromptTemplateRecord>();
}

sdk::Result<std::vector<PromptTemplateVersion>> PromptTemplateStore::versions(std::string_view workspace,
                                                                              std::string_view name) {
  const std::string context = "versions of prompt template " + label(workspace, name);
  auto stmt = db_.prepare(
      "SELECT version, definition_json, created_at, rolled_back_from FROM prompt_template_versions "
      "WHERE workspace = ? AND name = ? ORDER BY version");
  if (!stmt) return stmt.status().prefixed(context);
  stmt->bindText(1, workspace).bindText(2, name);
  std::vector<PromptTemplateVersion> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.status().prefixed(context);
    if (!row.value()) break;
    PromptTemplateVersion v;
    v.version = stmt->columnInt(0);
    auto definition = parseDefinition(stmt->columnText(1), context);
    if (!definition) return definition.status();
    v.definition = std::move(definition.value());
    v.createdAt = stmt->columnInt(2);
    v.rolledBackFrom = stmt->columnOptionalInt(3);
    out.push_back(std::move(v));
  }
  return out;
}

sdk::Result<std::optional<PromptTemplateVersion>> PromptTemplateStore::version(std::string_view workspace,
                                                                               std::string_view name,
                                                                               std::int64_t version) {
  auto all = versions(workspace, name);
  if (!all) return all.status();
  for (auto& v : all.value())
    if (v.version == version) return std::optional<PromptTemplateVersion>(std::move(v));
  return std::optional<PromptTemplateVersion>();
}

sdk::Result<std::int64_t> PromptTemplateStore::create(std::string_view workspace, std::string_view name,
                                                      const Json& definition) {
  const std::string context = "create prompt template " + label(workspace, name);
  Status s = db_.transaction([&]() -> Status {
    auto existing = get(workspace, name);
    if (!existing) return existing.status();
    if (existing.value()) return Status(StatusCode::kConflict, "prompt template " + label(workspace, name) + " already exists");
    const auto now = Database::nowMs();
    auto stmt = db_.prepare(
        "INSERT INTO prompt_templates (workspace, name, version, created_at, updated_at) VALUES (?, ?, 1, ?, ?)");
    if (!stmt) return stmt.status();
    if (auto r = stmt->bindText(1, workspace).bindText(2, name).bindInt(3, now).bindInt(4, now).run(); !r) return r;
    return insertVersion(db_, workspace, name, PromptTemplateVersion{1, definition, now, std::nullopt});
  });
  if (!s) return s.code() == StatusCode::kConflict ? s : s.prefixed(context);
  return std::int64_t{1};
}

sdk::Result<std::int64_t> PromptTemplateStore::addVersion(std::string_view workspace, std::string_view name,
                                                          const Json& definition,
                                                          std::optional<std::int64_t> rolledBackFrom) {
  const std::string context = "update prompt template " + label(workspace, name);
  std::int64_t next = 0;
  Status s = db_.transaction([&]() -> Status {
    auto existing = get(workspace, name);
    if (!existing) return existing.status();
    if (!existing.value()) return Status(StatusCode::kNotFound, "prompt template " + label(workspace, name) + " not found");
    next = existing.value()->version + 1;
    const auto now = Database::nowMs();
    if (auto r = insertVersion(db_, workspace, name, PromptTemplateVersion{next, definition, now, rolledBackFrom}); !r)
      return r;
    auto stmt = db_.prepare("UPDATE prompt_templates SET version = ?, updated_at = ? WHERE workspace = ? AND name = ?");
    if (!stmt) return stmt.status();
    return stmt->bindInt(1, next).bindInt(2, now).bindText(3, workspace).bindText(4, name).run();
  });
  if (!s) return s.code() == StatusCode::kNotFound ? s : s.prefixed(context);
  return next;
}

sdk::Status PromptTemplateStore::remove(std::string_view workspace, std::string_view name) {
  const std::string context = "delete prompt template " + label(workspace, name);
  auto stmt = db_.prepare("DELETE FROM prompt_templates WHERE workspace = ? AND name = ?");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, workspace).bindText(2, name).run(); !s) return s.prefixed(context);
  if (stmt->changes() == 0) return Status(StatusCode::kNotFound, "prompt template " + label(workspace, name) + " not found");
  return {};
}

sdk::Result<int> PromptTemplateStore::removeWorkspace(std::string_view workspace) {
  auto stmt = db_.prepare("DELETE FROM prompt_templates WHERE workspace = ?");
  if (!stmt) return stmt.status().prefixed("delete prompt templates of " + std::string(workspace));
  if (auto s = stmt->bindText(1, workspace).run(); !s) return s.prefixed("delete prompt templates of " + std::string(workspace));
  return stmt->changes();
}

sdk::Result<std::optional<PromptTemplateHistory>> PromptTemplateStore::history(std::string_view workspace,
                                                                               std::string_view name) {
  auto current = get(workspace, name);
  if (!current) return current.status();
  if (!current.value()) return std::optional<PromptTemplateHistory>();
  auto all = versions(workspace, name);
  if (!all) return all.status();
  return std::optional<PromptTemplateHistory>(PromptTemplateHistory{std::move(*current.value()), std::move(all.value())});
}

sdk::Status PromptTemplateStore::restore(std::string_view workspace, std::string_view name,
                                         const std::optional<PromptTemplateHistory>& history) {
  Status s = db_.transaction([&]() -> Status {
    auto del = db_.prepare("DELETE FROM prompt_templates WHERE workspace = ? AND name = ?");
    if (!del) return del.status();
    if (auto r = del->bindText(1, workspace).bindText(2, name).run(); !r) return r;
    if (!history) return {};
    auto ins = db_.prepare(
        "INSERT INTO prompt_templates (workspace, name, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?)");
    if (!ins) return ins.status();
    if (auto r = ins->bindText(1, workspace)
                     .bindText(2, name)
                     .bindInt(3, history->current.version)
                     .bindInt(4, history->current.createdAt)
                     .bindInt(5, history->current.updatedAt)
                     .run();
        !r)
      return r;
    for (const auto& v : history->versions)
      if (auto r = insertVersion(db_, workspace, name, v); !r) return r;
    return {};
  });
  return s ? s : s.prefixed("restore prompt template " + label(workspace, name));
}

}  // namespace gateos::kernel::storage

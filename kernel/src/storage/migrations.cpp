#include "storage/migrations.h"

#include "storage/prompt_template_schema.h"

namespace gateos::kernel::storage {
namespace {

// Timestamps are milliseconds since the Unix epoch, everywhere.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE gateway_keys (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  hash BLOB UNIQUE NOT NULL,
  workspace TEXT NOT NULL DEFAULT 'default',
  created_at INTEGER NOT NULL,
  revoked_at INTEGER NULL,
  last_used_at INTEGER NULL
);
CREATE TABLE providers (
  name TEXT PRIMARY KEY,
  driver TEXT NOT NULL,
  options_json TEXT NOT NULL,
  credential_sealed TEXT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE aliases (
  alias TEXT PRIMARY KEY,
  target TEXT NOT NULL
);
CREATE TABLE plugins (
  id TEXT PRIMARY KEY,
  version TEXT NOT NULL,
  enabled INTEGER NOT NULL,
  config_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE kv (
  namespace TEXT NOT NULL,
  key TEXT NOT NULL,
  value BLOB NOT NULL,
  PRIMARY KEY (namespace, key)
);
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ts INTEGER NOT NULL,
  severity TEXT NOT NULL,
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  detail_json TEXT NOT NULL,
  request_id TEXT NOT NULL,
  workspace TEXT NOT NULL
);
CREATE INDEX alerts_ts ON alerts (ts);
CREATE INDEX alerts_kind ON alerts (kind, id);
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
)sql";

// Workspaces (docs/workspaces.md): the named scopes of configuration, and the
// per-workspace settings of plugins (stage on/off, order and settings; policy
// settings such as file-type rules). `default` always exists.
constexpr const char* kSchemaV2Workspaces = R"sql(
CREATE TABLE workspaces (
  name TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
INSERT INTO workspaces (name, description, created_at, updated_at)
  VALUES ('default', 'Requests that name no workspace', 0, 0);
CREATE TABLE workspace_plugins (
  workspace TEXT NOT NULL REFERENCES workspaces (name) ON DELETE CASCADE,
  plugin_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  settings_json TEXT NULL,
  PRIMARY KEY (workspace, plugin_id)
);
)sql";

constexpr Migration kMigrations[] = {
    {1, kSchemaV1},
    {2, kSchemaV2Workspaces},
    {3, kPromptTemplatesSchema},
};

}  // namespace

std::span<const Migration> sqliteMigrations() noexcept { return kMigrations; }

}  // namespace gateos::kernel::storage

#pragma once
// The numbered schema migrations of the embedded SQLite database. Each runs once, in
// its own transaction, and is recorded in schema_version. Never edit a released
// migration: append a new one. A PostgreSQL backend keeps its own list.

#include <span>

namespace gateos::kernel::storage {

struct Migration {
  int version;
  const char* sql;  // one or more statements
};

// Ascending by version, starting at 1.
std::span<const Migration> sqliteMigrations() noexcept;

}  // namespace gateos::kernel::storage

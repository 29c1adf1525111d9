#pragma once
// The embedded SQLite database (WAL) under the data directory: one connection
// guarded by a recursive mutex, so one Database is safe to share between threads.
// Every call blocks on disk: use it from control/worker threads, never on an event
// loop. SQL lives in the store classes (provider_store.h …) so that another backend
// can implement the same stores.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <string_view>

#include "gateos/sdk/status.h"
#include "storage/migrations.h"
#include "storage/statement.h"

struct sqlite3;

namespace gateos::kernel::storage {

class Database {
 public:
  // Opens (creating it with mode 0600 if missing) the database file; the parent
  // directory must exist. Sets WAL, foreign_keys=ON, busy_timeout 5 s,
  // synchronous=NORMAL. Errors read "open /x/gateos.db: unable to open database file".
  static sdk::Result<std::unique_ptr<Database>> open(const std::filesystem::path& file);

  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Applies the built-in migrations not applied yet; idempotent. Refuses a database
  // whose schema is newer than this build knows.
  sdk::Status migrate();
  // Same with an explicit list (ascending versions); for tests and other backends' tooling.
  sdk::Status migrate(std::span<const Migration> migrations);
  // Highest applied migration, 0 for a fresh database.
  sdk::Result<int> schemaVersion();
  // Every migration version recorded as applied.
  sdk::Result<std::set<int>> appliedVersions();

  // Runs one or more statements without parameters.
  sdk::Status exec(std::string_view sql);
  // Prepares one statement; the Statement holds this database's lock until destroyed.
  sdk::Result<Statement> prepare(std::string_view sql);

  // Runs body inside BEGIN IMMEDIATE … COMMIT. If body returns an error or throws,
  // everything it wrote is rolled back and the error (or "transaction: <what>") is
  // returned. Nested calls on the same thread become savepoints. The lock is held
  // for the whole body, so other threads wait: keep bodies short.
  sdk::Status transaction(const std::function<sdk::Status()>& body);

  // Serialises multi-statement sequences that need no transaction.
  std::unique_lock<std::recursive_mutex> lock() { return std::unique_lock(mutex_); }

  const std::filesystem::path& path() const noexcept { return path_; }

  // Milliseconds since the Unix epoch: the unit of every timestamp column.
  static std::int64_t nowMs() noexcept;

 private:
  Database(sqlite3* db, std::filesystem::path path) noexcept;

  sqlite3* db_;
  std::filesystem::path path_;
  std::recursive_mutex mutex_;
  int transactionDepth_ = 0;  // guarded by mutex_
};

}  // namespace gateos::kernel::storage

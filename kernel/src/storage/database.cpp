#include "storage/database.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <exception>
#include <string>

namespace gateos::kernel::storage {
namespace {

sdk::Status sqliteError(sqlite3* db, int rc) {
  return sdk::Status(sdk::StatusCode::kInternal, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

// SQLite creates files 0644; the database holds sealed credentials and key hashes,
// so create it 0600 first (WAL and shm files inherit the database file's mode).
sdk::Status createPrivateFile(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return {};  // let sqlite3_open_v2 report why it cannot open the file
  struct stat st {};
  if (::fstat(fd, &st) == 0 && (st.st_mode & 077) != 0) ::fchmod(fd, 0600);
  ::close(fd);
  return {};
}

}  // namespace

Database::Database(sqlite3* db, std::filesystem::path path) noexcept : db_(db), path_(std::move(path)) {}

Database::~Database() { sqlite3_close_v2(db_); }

std::int64_t Database::nowMs() noexcept {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

sdk::Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& file) {
  const std::string context = "open " + file.string();
  createPrivateFile(file);
  sqlite3* db = nullptr;
  // FULLMUTEX is belt and braces: our own mutex already serialises every use.
  const int rc = sqlite3_open_v2(file.c_str(), &db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    sdk::Status status(sdk::StatusCode::kUnavailable, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
    sqlite3_close_v2(db);
    return status.prefixed(context);
  }
  std::unique_ptr<Database> database(new Database(db, file));
  sqlite3_busy_timeout(db, 5000);
  sqlite3_extended_result_codes(db, 1);
  if (auto s = database->exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"); !s) {
    return s.prefixed(context);
  }
  return database;
}

sdk::Status Database::exec(std::string_view sql) {
  std::lock_guard guard(mutex_);
  const std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    sdk::Status status(sdk::StatusCode::kInternal, error != nullptr ? error : sqlite3_errstr(rc));
    sqlite3_free(error);
    return status;
  }
  return {};
}

sdk::Result<Statement> Database::prepare(std::string_view sql) {
  std::unique_lock lock(mutex_);
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sdk::Status status = sqliteError(db_, rc).prefixed("prepare");
    sqlite3_finalize(stmt);
    return status;
  }
  return Statement(db_, stmt, std::move(lock));
}

sdk::Status Database::transaction(const std::function<sdk::Status()>& body) {
  std::lock_guard guard(mutex_);
  const bool nested = transactionDepth_ > 0;
  const std::string savepoint = "sp" + std::to_string(transactionDepth_);
  if (auto s = exec(nested ? "SAVEPOINT " + savepoint : std::string("BEGIN IMMEDIATE")); !s) {
    return s.prefixed("transaction: begin");
  }
  ++transactionDepth_;
  sdk::Status result;
  try {
    result = body();
  } catch (const std::exception& e) {
    result = sdk::Status(sdk::StatusCode::kInternal, std::string("transaction: ") + e.what());
  } catch (...) {
    result = sdk::Status(sdk::StatusCode::kInternal, "transaction: unknown exception");
  }
  --transactionDepth_;
  if (result) {
    auto s = exec(nested ? "RELEASE " + savepoint : std::string("COMMIT"));
    if (s) return {};
    result = s.prefixed("transaction: commit");
  }
  // ROLLBACK can fail only if SQLite already rolled back on its own (e.g. out of
  // memory); either way nothing of the body remains.
  exec(nested ? "ROLLBACK TO " + savepoint + "; RELEASE " + savepoint : std::string("ROLLBACK"));
  return result;
}

sdk::Result<int> Database::schemaVersion() {
  if (auto s = exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
      !s) {
    return s.prefixed("schema version");
  }
  auto stmt = prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!stmt) return stmt.status().prefixed("schema version");
  auto row = stmt->step();
  if (!row) return row.status().prefixed("schema version");
  return static_cast<int>(stmt->columnInt(0));
}

sdk::Result<std::set<int>> Database::appliedVersions() {
  auto stmt = prepare("SELECT version FROM schema_version");
  if (!stmt) return stmt.status().prefixed("schema versions");
  std::set<int> versions;
  while (true) {
    auto row = stmt->step();
    if (!row) return row.status().prefixed("schema versions");
    if (!row.value()) break;
    versions.insert(static_cast<int>(stmt->columnInt(0)));
  }
  return versions;
}

sdk::Status Database::migrate() { return migrate(sqliteMigrations()); }

sdk::Status Database::migrate(std::span<const Migration> migrations) {
  std::lock_guard guard(mutex_);
  const std::string context = "migrate " + path_.string();
  auto current = schemaVersion();
  if (!current) return current.status().prefixed(context);
  const int latest = migrations.empty() ? 0 : migrations.back().version;
  if (current.value() > latest) {
    return sdk::Status(sdk::StatusCode::kFailedPrecondition,
                       "schema version " + std::to_string(current.value()) + " is newer than this build knows (" +
                           std::to_string(latest) + ")")
        .prefixed(context);
  }
  // Every migration not yet recorded runs, not only those above the newest:
  // a release may ship a later migration first (3 before 2), and a database
  // made by it must still receive the earlier one when it ships.
  auto applied = appliedVersions();
  if (!applied) return applied.status().prefixed(context);
  for (const Migration& m : migrations) {
    if (applied->contains(m.version)) continue;
    auto s = transaction([&]() -> sdk::Status {
      if (auto e = exec(m.sql); !e) return e;
      auto insert = prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)");
      if (!insert) return insert.status();
      return insert->bindInt(1, m.version).bindInt(2, nowMs()).run();
    });
    if (!s) return s.prefixed(context + ": version " + std::to_string(m.version));
  }
  return {};
}

}  // namespace gateos::kernel::storage

#pragma once
// A prepared SQLite statement (RAII). Obtained from Database::prepare(); it holds
// the database's lock for its whole life, so a statement is used on the thread that
// prepared it and must not outlive its Database. Blocking: never on an event loop.

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "gateos/sdk/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace gateos::kernel::storage {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt, std::unique_lock<std::recursive_mutex> lock) noexcept;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Parameters are 1-based. Values are copied. A bind error is reported by step()/run().
  Statement& bindText(int index, std::string_view value);
  Statement& bindBlob(int index, std::string_view bytes);
  Statement& bindInt(int index, std::int64_t value);
  Statement& bindNull(int index);
  Statement& bindOptionalText(int index, const std::optional<std::string>& value);
  Statement& bindOptionalInt(int index, const std::optional<std::int64_t>& value);

  // true: a row is available (read it with column*()); false: the statement is done.
  sdk::Result<bool> step();
  // Steps to completion, ignoring rows (INSERT/UPDATE/DELETE).
  sdk::Status run();
  // Makes the statement runnable again; bindings are kept.
  void reset() noexcept;

  // Columns are 0-based and valid after step() returned true.
  int columnCount() const noexcept;
  bool isNull(int column) const noexcept;
  std::int64_t columnInt(int column) const noexcept;
  std::string columnText(int column) const;
  std::string columnBlob(int column) const;
  std::optional<std::string> columnOptionalText(int column) const;
  std::optional<std::int64_t> columnOptionalInt(int column) const noexcept;

  // Rows changed by the last INSERT/UPDATE/DELETE on this connection.
  int changes() const noexcept;

 private:
  void recordBind(int rc, int index) noexcept;

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::unique_lock<std::recursive_mutex> lock_;
  int bindError_ = 0;
  int bindErrorIndex_ = 0;
};

}  // namespace gateos::kernel::storage

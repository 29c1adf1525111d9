#include "storage/statement.h"

#include <sqlite3.h>

#include <utility>

namespace gateos::kernel::storage {

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, std::unique_lock<std::recursive_mutex> lock) noexcept
    : db_(db), stmt_(stmt), lock_(std::move(lock)) {}

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      lock_(std::move(other.lock_)),
      bindError_(other.bindError_),
      bindErrorIndex_(other.bindErrorIndex_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    lock_ = std::move(other.lock_);
    bindError_ = other.bindError_;
    bindErrorIndex_ = other.bindErrorIndex_;
  }
  return *this;
}

Statement::~Statement() {
  // Finalize before the lock is released (members are destroyed after this body).
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

void Statement::recordBind(int rc, int index) noexcept {
  if (rc != SQLITE_OK && bindError_ == 0) {
    bindError_ = rc;
    bindErrorIndex_ = index;
  }
}

Statement& Statement::bindText(int index, std::string_view value) {
  recordBind(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
  return *this;
}

Statement& Statement::bindBlob(int index, std::string_view bytes) {
  // A zero-length blob must still be a blob, not NULL: pass a non-null pointer.
  static const char kEmpty = 0;
  recordBind(sqlite3_bind_blob64(stmt_, index, bytes.empty() ? &kEmpty : bytes.data(), bytes.size(),
                                 SQLITE_TRANSIENT),
             index);
  return *this;
}

Statement& Statement::bindInt(int index, std::int64_t value) {
  recordBind(sqlite3_bind_int64(stmt_, index, value), index);
  return *this;
}

Statement& Statement::bindNull(int index) {
  recordBind(sqlite3_bind_null(stmt_, index), index);
  return *this;
}

Statement& Statement::bindOptionalText(int index, const std::optional<std::string>& value) {
  return value ? bindText(index, *value) : bindNull(index);
}

Statement& Statement::bindOptionalInt(int index, const std::optional<std::int64_t>& value) {
  return value ? bindInt(index, *value) : bindNull(index);
}

sdk::Result<bool> Statement::step() {
  if (bindError_ != 0) {
    return sdk::Status(sdk::StatusCode::kInternal, "bind parameter " + std::to_string(bindErrorIndex_) + ": " +
                                                       sqlite3_errstr(bindError_));
  }
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const auto code = (rc & 0xff) == SQLITE_CONSTRAINT ? sdk::StatusCode::kConflict
                    : (rc & 0xff) == SQLITE_BUSY     ? sdk::StatusCode::kUnavailable
                                                     : sdk::StatusCode::kInternal;
  return sdk::Status(code, sqlite3_errmsg(db_));
}

sdk::Status Statement::run() {
  for (;;) {
    auto row = step();
    if (!row) return row.status();
    if (!row.value()) return {};
  }
}

void Statement::reset() noexcept { sqlite3_reset(stmt_); }

int Statement::columnCount() const noexcept { return sqlite3_column_count(stmt_); }

bool Statement::isNull(int column) const noexcept { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::int64_t Statement::columnInt(int column) const noexcept { return sqlite3_column_int64(stmt_, column); }

std::string Statement::columnText(int column) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  return text == nullptr ? std::string() : std::string(text, static_cast<std::size_t>(size));
}

std::string Statement::columnBlob(int column) const {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_, column));
  const int size = sqlite3_column_bytes(stmt_, column);
  return data == nullptr ? std::string() : std::string(data, static_cast<std::size_t>(size));
}

std::optional<std::string> Statement::columnOptionalText(int column) const {
  if (isNull(column)) return std::nullopt;
  return columnText(column);
}

std::optional<std::int64_t> Statement::columnOptionalInt(int column) const noexcept {
  if (isNull(column)) return std::nullopt;
  return columnInt(column);
}

int Statement::changes() const noexcept { return sqlite3_changes(db_); }

}  // namespace gateos::kernel::storage

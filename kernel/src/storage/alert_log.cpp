#include "storage/alert_log.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "storage/database.h"

namespace gateos::kernel::storage {

std::string_view toString(sdk::AlertSeverity severity) noexcept {
  switch (severity) {
    case sdk::AlertSeverity::kInfo: return "info";
    case sdk::AlertSeverity::kWarning: return "warning";
    case sdk::AlertSeverity::kCritical: return "critical";
  }
  return "warning";
}

std::optional<sdk::AlertSeverity> parseAlertSeverity(std::string_view text) noexcept {
  if (text == "info") return sdk::AlertSeverity::kInfo;
  if (text == "warning") return sdk::AlertSeverity::kWarning;
  if (text == "critical") return sdk::AlertSeverity::kCritical;
  return std::nullopt;
}

AlertLog::AlertLog(Database& db, AlertLogOptions options) : db_(db), options_(options) {
  writer_ = std::thread([this] { writerLoop(); });
}

AlertLog::~AlertLog() {
  {
    std::lock_guard lock(queueMutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
  std::lock_guard write(writeMutex_);
  drainLocked();  // anything raised while the writer was finishing
}

void AlertLog::raise(sdk::Alert alert) noexcept {
  const std::int64_t ts = Database::nowMs();
  bool wakeWriter = false;
  try {
    std::lock_guard lock(queueMutex_);
    if (queue_.size() >= options_.capacity) {
      dropped_.fetch_add(1, std::memory_order_relaxed);
      return;
    }
    queue_.push_back(Queued{ts, std::move(alert)});
    wakeWriter = queue_.size() == options_.batchSize;
  } catch (...) {  // out of memory: drop rather than throw into the request path
    dropped_.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  if (wakeWriter) wake_.notify_one();
}

void AlertLog::writerLoop() {
  std::unique_lock lock(queueMutex_);
  for (;;) {
    wake_.wait_for(lock, options_.flushInterval,
                   [this] { return stopping_ || queue_.size() >= options_.batchSize; });
    const bool stop = stopping_;
    lock.unlock();
    {
      std::lock_guard write(writeMutex_);
      if (auto s = drainLocked(); !s) spdlog::error("alert log: {}", s.message());
    }
    if (stop) return;
    lock.lock();
  }
}

sdk::Status AlertLog::flush() {
  std::lock_guard write(writeMutex_);
  return drainLocked();
}

sdk::Status AlertLog::drainLocked() {
  sdk::Status result;
  for (;;) {
    std::vector<Queued> batch;
    {
      std::lock_guard lock(queueMutex_);
      const std::size_t n = std::min(queue_.size(), std::max<std::size_t>(options_.batchSize, 1));
      if (n == 0) return result;
      batch.reserve(n);
      for (std::size_t i = 0; i < n; ++i) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    if (auto s = writeBatch(batch); !s) {
      writeFailures_.fetch_add(batch.size(), std::memory_order_relaxed);
      result = s.prefixed("write " + std::to_string(batch.size()) + " alerts");
    }
  }
}

sdk::Status AlertLog::writeBatch(const std::vector<Queued>& batch) {
  return db_.transaction([&]() -> sdk::Status {
    auto stmt = db_.prepare(
        "INSERT INTO alerts (ts, severity, kind, message, detail_json, request_id, workspace) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!stmt) return stmt.status();
    for (const Queued& q : batch) {
      const sdk::Alert& a = q.alert;
      stmt->reset();
      stmt->bindInt(1, q.ts)
          .bindText(2, toString(a.severity))
          .bindText(3, a.kind)
          .bindText(4, a.message)
          .bindText(5, a.detail.dump(-1, ' ', false, sdk::Json::error_handler_t::replace))
          .bindText(6, a.requestId)
          .bindText(7, a.workspace);
      if (auto s = stmt->run(); !s) return s;
    }
    return {};
  });
}

sdk::Result<std::vector<AlertRecord>> AlertLog::query(const AlertQuery& q) {
  std::string sql =
      "SELECT id, ts, severity, kind, message, detail_json, request_id, workspace FROM alerts WHERE 1 = 1";
  if (!q.kind.empty()) sql += " AND kind = ?1";
  if (!q.workspace.empty()) sql += " AND workspace = ?2";
  if (q.sinceTs) sql += " AND ts >= ?3";
  if (q.untilTs) sql += " AND ts < ?4";
  if (q.beforeId) sql += " AND id < ?5";
  sql += " ORDER BY id DESC LIMIT ?6";

  auto stmt = db_.prepare(sql);
  if (!stmt) return stmt.status().prefixed("query alerts");
  if (!q.kind.empty()) stmt->bindText(1, q.kind);
  if (!q.workspace.empty()) stmt->bindText(2, q.workspace);
  if (q.sinceTs) stmt->bindInt(3, *q.sinceTs);
  if (q.untilTs) stmt->bindInt(4, *q.untilTs);
  if (q.beforeId) stmt->bindInt(5, *q.beforeId);
  stmt->bindInt(6, std::clamp(q.limit, 1, 1000));

  std::vector<AlertRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.status().prefixed("query alerts");
    if (!row.value()) break;
    AlertRecord r;
    r.id = stmt->columnInt(0);
    r.ts = stmt->columnInt(1);
    r.severity = parseAlertSeverity(stmt->columnText(2)).value_or(sdk::AlertSeverity::kWarning);
    r.kind = stmt->columnText(3);
    r.message = stmt->columnText(4);
    r.detail = sdk::Json::parse(stmt->columnText(5), nullptr, false);
    if (r.detail.is_discarded()) r.detail = sdk::Json::object();
    r.requestId = stmt->columnText(6);
    r.workspace = stmt->columnText(7);
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace gateos::kernel::storage

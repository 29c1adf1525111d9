#pragma once
// The security log. raise() is called from any thread, including event loops: it
// only appends to a bounded in-memory queue (dropping, and counting, when full)
// and never touches the disk. A background thread writes queued alerts in batches,
// one transaction each, every flushInterval or as soon as batchSize are waiting.
//
// Alerts must never carry secret values (kinds, positions and short hashes only);
// keeping them out is the raiser's job — this log stores what it is given.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "gateos/sdk/services.h"

namespace gateos::kernel::storage {

class Database;

struct AlertLogOptions {
  std::size_t capacity = 10000;  // queued alerts beyond this are dropped
  std::size_t batchSize = 500;
  std::chrono::milliseconds flushInterval{200};
};

struct AlertRecord {
  std::int64_t id = 0;
  std::int64_t ts = 0;  // ms since epoch, taken when raised
  sdk::AlertSeverity severity = sdk::AlertSeverity::kWarning;
  std::string kind;
  std::string message;
  sdk::Json detail = sdk::Json::object();
  std::string requestId;
  std::string workspace;
};

// Empty strings / nullopt mean "any". Results are newest first (descending id);
// page with beforeId = the last id of the previous page.
struct AlertQuery {
  std::string kind;
  std::string workspace;
  std::optional<std::int64_t> sinceTs;  // inclusive
  std::optional<std::int64_t> untilTs;  // exclusive
  std::optional<std::int64_t> beforeId;
  int limit = 100;  // clamped to [1, 1000]
};

std::string_view toString(sdk::AlertSeverity severity) noexcept;
std::optional<sdk::AlertSeverity> parseAlertSeverity(std::string_view text) noexcept;

class AlertLog : public sdk::AlertSink {
 public:
  // Starts the writer thread. db must outlive the log.
  explicit AlertLog(Database& db, AlertLogOptions options = {});
  // Stops the writer and writes what is still queued.
  ~AlertLog() override;
  AlertLog(const AlertLog&) = delete;
  AlertLog& operator=(const AlertLog&) = delete;

  void raise(sdk::Alert alert) noexcept override;

  // Blocks until every alert raised before the call is written (or failed).
  sdk::Status flush();
  // Blocking read for the admin API; call it off the event loops.
  sdk::Result<std::vector<AlertRecord>> query(const AlertQuery& q);

  std::uint64_t dropped() const noexcept { return dropped_.load(std::memory_order_relaxed); }
  std::uint64_t writeFailures() const noexcept { return writeFailures_.load(std::memory_order_relaxed); }

 private:
  struct Queued {
    std::int64_t ts;
    sdk::Alert alert;
  };

  void writerLoop();
  // Takes what is queued and writes it; callers hold writeMutex_.
  sdk::Status drainLocked();
  sdk::Status writeBatch(const std::vector<Queued>& batch);

  Database& db_;
  const AlertLogOptions options_;

  std::mutex queueMutex_;
  std::condition_variable wake_;
  std::deque<Queued> queue_;  // guarded by queueMutex_
  bool stopping_ = false;     // guarded by queueMutex_

  // Held while a batch is taken and written, so flush() waits for a batch the
  // writer thread has already taken.
  std::mutex writeMutex_;

  std::atomic<std::uint64_t> dropped_{0};
  std::atomic<std::uint64_t> writeFailures_{0};
  std::thread writer_;
};

}  // namespace gateos::kernel::storage

#pragma once
// Requests and errors of the last hour and day, for the web UI's overview (the
// Prometheus counters in /metrics count since start). One bucket per minute in a
// ring; record() is two relaxed atomic adds on the request path (and, once a
// minute per bucket, a reset), never a lock.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>

namespace gateos::kernel::core {

class RecentActivity {
 public:
  using Clock = std::chrono::system_clock;
  using Now = std::function<Clock::time_point()>;

  explicit RecentActivity(Now now = [] { return Clock::now(); }) : now_(std::move(now)) {}

  // status >= 400 counts as an error too. Any thread.
  void record(int status) noexcept;

  struct Totals {
    std::uint64_t requests = 0;
    std::uint64_t errors = 0;
  };
  // The last `minutes` minutes including the current one (at most kMinutes).
  Totals last(int minutes) const noexcept;

  static constexpr int kMinutes = 24 * 60;

 private:
  struct Bucket {
    std::atomic<std::int64_t> minute{-1};
    std::atomic<std::uint64_t> requests{0};
    std::atomic<std::uint64_t> errors{0};
  };
  std::int64_t currentMinute() const noexcept;

  Now now_;
  std::array<Bucket, kMinutes> buckets_;
};

}  // namespace gateos::kernel::core

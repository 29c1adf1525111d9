#include "core/stats/recent_activity.h"

namespace gateos::kernel::core {

std::int64_t RecentActivity::currentMinute() const noexcept {
  return std::chrono::duration_cast<std::chrono::minutes>(now_().time_since_epoch()).count();
}

void RecentActivity::record(int status) noexcept {
  const std::int64_t minute = currentMinute();
  Bucket& b = buckets_[static_cast<std::size_t>(minute % kMinutes)];
  std::int64_t seen = b.minute.load(std::memory_order_acquire);
  if (seen != minute && b.minute.compare_exchange_strong(seen, minute, std::memory_order_acq_rel)) {
    // This thread claimed a bucket last used a day ago. A request racing with the
    // reset may be lost or kept; the overview tolerates that.
    b.requests.store(0, std::memory_order_relaxed);
    b.errors.store(0, std::memory_order_relaxed);
  }
  b.requests.fetch_add(1, std::memory_order_relaxed);
  if (status >= 400) b.errors.fetch_add(1, std::memory_order_relaxed);
}

RecentActivity::Totals RecentActivity::last(int minutes) const noexcept {
  if (minutes > kMinutes) minutes = kMinutes;
  const std::int64_t now = currentMinute();
  Totals totals;
  for (int i = 0; i < minutes; ++i) {
    const std::int64_t minute = now - i;
    if (minute < 0) break;
    const Bucket& b = buckets_[static_cast<std::size_t>(minute % kMinutes)];
    if (b.minute.load(std::memory_order_acquire) != minute) continue;
    totals.requests += b.requests.load(std::memory_order_relaxed);
    totals.errors += b.errors.load(std::memory_order_relaxed);
  }
  return totals;
}

}  // namespace gateos::kernel::core

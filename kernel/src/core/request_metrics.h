#pragma once
// The data plane's own metrics, registered once; per-series handles cached so a
// request does one hash lookup, not a registry lock.

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/metrics_registry.h"
#include "core/stats/recent_activity.h"

namespace gateos::kernel::core {

class RequestMetrics {
 public:
  explicit RequestMetrics(MetricsRegistry& registry);

  void requestFinished(int status, std::string_view model, std::string_view provider, double seconds);
  void upstreamError(std::string_view provider, std::string_view kind);

  Gauge& inflight() noexcept { return inflight_; }
  Gauge& activeStreams() noexcept { return activeStreams_; }
  MetricsRegistry& registry() noexcept { return registry_; }
  // Requests and errors of the last hour and day (the web UI's overview).
  const RecentActivity& recent() const noexcept { return recent_; }

 private:
  struct Series {
    AtomicCounter* requests;
    AtomicHistogram* duration;
  };
  Series& series(int status, std::string_view model, std::string_view provider);

  MetricsRegistry& registry_;
  Gauge& inflight_;
  Gauge& activeStreams_;
  std::mutex mutex_;
  std::unordered_map<std::string, Series> cache_;
  RecentActivity recent_;
};

}  // namespace gateos::kernel::core

#include "core/request_metrics.h"

#include <fmt/format.h>

namespace gateos::kernel::core {

RequestMetrics::RequestMetrics(MetricsRegistry& registry)
    : registry_(registry),
      inflight_(registry.gauge("gateos_inflight_requests", "Requests being handled")),
      activeStreams_(registry.gauge("gateos_active_streams", "Streaming responses in progress")) {}

RequestMetrics::Series& RequestMetrics::series(int status, std::string_view model, std::string_view provider) {
  std::string key = fmt::format("{}\x1f{}\x1f{}", status, model, provider);
  std::lock_guard lock(mutex_);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  Labels labels = {{"status", std::to_string(status)}, {"model", std::string(model)}, {"provider", std::string(provider)}};
  Series s{&registry_.counter("gateos_requests_total", "Requests by status, model and provider", labels),
           &registry_.histogram("gateos_request_duration_seconds", "Request duration until the last byte",
                                MetricsRegistry::latencyBuckets(), {{"provider", std::string(provider)}})};
  return cache_.emplace(std::move(key), s).first->second;
}

void RequestMetrics::requestFinished(int status, std::string_view model, std::string_view provider, double seconds) {
  auto& s = series(status, model, provider);
  s.requests->add();
  s.duration->observe(seconds);
  recent_.record(status);
}

void RequestMetrics::upstreamError(std::string_view provider, std::string_view kind) {
  registry_.counter("gateos_upstream_errors_total", "Upstream failures by provider and kind",
                    {{"provider", std::string(provider)}, {"kind", std::string(kind)}})
      .add();
}

}  // namespace gateos::kernel::core

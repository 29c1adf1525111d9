#pragma once
// Prometheus text-format metrics: counters, gauges and histograms with labels.
// Hot-path updates are lock-free (atomics); creating a series takes a mutex once,
// callers keep the returned reference.

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateos/sdk/services.h"

namespace gateos::kernel::core {

using Labels = std::vector<std::pair<std::string, std::string>>;

class AtomicCounter final : public sdk::Counter {
 public:
  void add(double value = 1) noexcept override;
  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Gauge {
 public:
  void add(double v) noexcept;
  void set(double v) noexcept { value_.store(v, std::memory_order_relaxed); }
  double value() const noexcept { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class AtomicHistogram final : public sdk::Histogram {
 public:
  explicit AtomicHistogram(std::vector<double> buckets);
  void observe(double value) noexcept override;
  // Cumulative counts per bucket (+Inf last), sum and count.
  void snapshot(std::vector<uint64_t>& cumulative, double& sum, uint64_t& count) const;
  const std::vector<double>& buckets() const noexcept { return buckets_; }

 private:
  std::vector<double> buckets_;
  std::unique_ptr<std::atomic<uint64_t>[]> counts_;  // buckets_.size() + 1
  std::atomic<double> sum_{0};
  std::atomic<uint64_t> count_{0};
};

class MetricsRegistry {
 public:
  AtomicCounter& counter(std::string_view name, std::string_view help, const Labels& labels = {});
  Gauge& gauge(std::string_view name, std::string_view help, const Labels& labels = {});
  AtomicHistogram& histogram(std::string_view name, std::string_view help, const std::vector<double>& buckets,
                             const Labels& labels = {});

  // The whole registry in Prometheus text exposition format 0.0.4.
  std::string render() const;

  static const std::vector<double>& latencyBuckets();  // seconds, 1 ms .. 120 s

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Family {
    Type type;
    std::string help;
    std::map<std::string, std::unique_ptr<AtomicCounter>> counters;  // key: rendered labels
    std::map<std::string, std::unique_ptr<Gauge>> gauges;
    std::map<std::string, std::unique_ptr<AtomicHistogram>> histograms;
  };
  Family& family(std::string_view name, std::string_view help, Type type);
  static std::string renderLabels(const Labels& labels);

  mutable std::mutex mutex_;
  std::map<std::string, Family, std::less<>> families_;
};

// sdk::Metrics for one plugin: names prefixed "gateos_plugin_", label plugin=<id>.
class PluginMetrics final : public sdk::Metrics {
 public:
  PluginMetrics(MetricsRegistry& registry, std::string pluginId) : registry_(registry), pluginId_(std::move(pluginId)) {}
  sdk::Counter& counter(std::string_view name, std::string_view help,
                        std::vector<std::pair<std::string, std::string>> labels) override;
  sdk::Histogram& histogram(std::string_view name, std::string_view help, std::vector<double> buckets,
                            std::vector<std::pair<std::string, std::string>> labels) override;

 private:
  MetricsRegistry& registry_;
  std::string pluginId_;
};

}  // namespace gateos::kernel::core

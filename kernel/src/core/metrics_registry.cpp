#include "core/metrics_registry.h"

#include <fmt/format.h>

#include <algorithm>

namespace gateos::kernel::core {
namespace {

void atomicAdd(std::atomic<double>& target, double v) noexcept {
  double current = target.load(std::memory_order_relaxed);
  while (!target.compare_exchange_weak(current, current + v, std::memory_order_relaxed)) {
  }
}

std::string escapeLabel(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

std::string formatNumber(double v) { return fmt::format("{}", v); }

}  // namespace

void AtomicCounter::add(double value) noexcept { atomicAdd(value_, value); }
void Gauge::add(double v) noexcept { atomicAdd(value_, v); }

AtomicHistogram::AtomicHistogram(std::vector<double> buckets)
    : buckets_(std::move(buckets)), counts_(new std::atomic<uint64_t>[buckets_.size() + 1]) {
  std::sort(buckets_.begin(), buckets_.end());
  for (size_t i = 0; i <= buckets_.size(); ++i) counts_[i].store(0);
}

void AtomicHistogram::observe(double value) noexcept {
  auto it = std::lower_bound(buckets_.begin(), buckets_.end(), value);
  counts_[static_cast<size_t>(it - buckets_.begin())].fetch_add(1, std::memory_order_relaxed);
  atomicAdd(sum_, value);
  count_.fetch_add(1, std::memory_order_relaxed);
}

void AtomicHistogram::snapshot(std::vector<uint64_t>& cumulative, double& sum, uint64_t& count) const {
  cumulative.resize(buckets_.size() + 1);
  uint64_t running = 0;
  for (size_t i = 0; i <= buckets_.size(); ++i) {
    running += counts_[i].load(std::memory_order_relaxed);
    cumulative[i] = running;
  }
  sum = sum_.load(std::memory_order_relaxed);
  count = running;
}

const std::vector<double>& MetricsRegistry::latencyBuckets() {
  static const std::vector<double> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
                                               0.5,   1,      2.5,   5,    10,    30,   60,  120};
  return kBuckets;
}

std::string MetricsRegistry::renderLabels(const Labels& labels) {
  if (labels.empty()) return {};
  std::string out = "{";
  for (size_t i = 0; i < labels.size(); ++i) {
    if (i) out += ',';
    out += labels[i].first;
    out += "=\"";
    out += escapeLabel(labels[i].second);
    out += '"';
  }
  out += '}';
  return out;
}

MetricsRegistry::Family& MetricsRegistry::family(std::string_view name, std::string_view help, Type type) {
  auto it = families_.find(name);
  if (it == families_.end()) it = families_.emplace(std::string(name), Family{type, std::string(help), {}, {}, {}}).first;
  return it->second;
}

AtomicCounter& MetricsRegistry::counter(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& slot = family(name, help, Type::kCounter).counters[renderLabels(labels)];
  if (!slot) slot = std::make_unique<AtomicCounter>();
  return *slot;
}

Gauge& MetricsRegistry::gauge(std::string_view name, std::string_view help, const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& slot = family(name, help, Type::kGauge).gauges[renderLabels(labels)];
  if (!slot) slot = std::make_unique<Gauge>();
  return *slot;
}

AtomicHistogram& MetricsRegistry::histogram(std::string_view name, std::string_view help,
                                            const std::vector<double>& buckets, const Labels& labels) {
  std::lock_guard lock(mutex_);
  auto& slot = family(name, help, Type::kHistogram).histograms[renderLabels(labels)];
  if (!slot) slot = std::make_unique<AtomicHistogram>(buckets);
  return *slot;
}

std::string MetricsRegistry::render() const {
  std::lock_guard lock(mutex_);
  std::string out;
  out.reserve(4096);
  for (const auto& [name, fam] : families_) {
    const char* type = fam.type == Type::kCounter ? "counter" : fam.type == Type::kGauge ? "gauge" : "histogram";
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n", name, fam.help, name, type);
    for (const auto& [labels, c] : fam.counters) out += fmt::format("{}{} {}\n", name, labels, formatNumber(c->value()));
    for (const auto& [labels, g] : fam.gauges) out += fmt::format("{}{} {}\n", name, labels, formatNumber(g->value()));
    for (const auto& [labels, h] : fam.histograms) {
      std::vector<uint64_t> cumulative;
      double sum = 0;
      uint64_t count = 0;
      h->snapshot(cumulative, sum, count);
      // Insert le="…" into the label set.
      std::string prefix = labels.empty() ? "{" : labels.substr(0, labels.size() - 1) + ",";
      for (size_t i = 0; i < h->buckets().size(); ++i)
        out += fmt::format("{}_bucket{}le=\"{}\"}} {}\n", name, prefix, formatNumber(h->buckets()[i]), cumulative[i]);
      out += fmt::format("{}_bucket{}le=\"+Inf\"}} {}\n", name, prefix, cumulative.back());
      out += fmt::format("{}_sum{} {}\n{}_count{} {}\n", name, labels, formatNumber(sum), name, labels, count);
    }
  }
  return out;
}

sdk::Counter& PluginMetrics::counter(std::string_view name, std::string_view help,
                                     std::vector<std::pair<std::string, std::string>> labels) {
  labels.insert(labels.begin(), {"plugin", pluginId_});
  return registry_.counter(fmt::format("gateos_plugin_{}", name), help, labels);
}

sdk::Histogram& PluginMetrics::histogram(std::string_view name, std::string_view help, std::vector<double> buckets,
                                         std::vector<std::pair<std::string, std::string>> labels) {
  labels.insert(labels.begin(), {"plugin", pluginId_});
  return registry_.histogram(fmt::format("gateos_plugin_{}", name), help, buckets, labels);
}

}  // namespace gateos::kernel::core

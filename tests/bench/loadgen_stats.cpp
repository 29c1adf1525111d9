#include "loadgen_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace gateos::bench {

std::optional<Url> parseUrl(std::string_view url) {
  constexpr std::string_view kScheme = "http://";
  if (url.substr(0, kScheme.size()) != kScheme) return std::nullopt;
  url.remove_prefix(kScheme.size());
  const size_t slash = url.find('/');
  std::string_view authority = url.substr(0, slash);
  Url out;
  out.target = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
  const size_t colon = authority.rfind(':');
  if (colon == std::string_view::npos) {
    out.host = std::string(authority);
    out.port = "80";
  } else {
    out.host = std::string(authority.substr(0, colon));
    out.port = std::string(authority.substr(colon + 1));
  }
  if (out.host.empty() || out.port.empty()) return std::nullopt;
  return out;
}

void LatencyRecorder::add(std::chrono::steady_clock::duration d) {
  ns_.push_back(std::chrono::duration_cast<std::chrono::nanoseconds>(d).count());
  sorted_ = false;
}

double LatencyRecorder::percentileUs(double q) {
  if (ns_.empty()) return 0;
  if (!sorted_) {
    std::sort(ns_.begin(), ns_.end());
    sorted_ = true;
  }
  size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(ns_.size())));
  rank = std::clamp<size_t>(rank, 1, ns_.size());
  return static_cast<double>(ns_[rank - 1]) / 1000.0;
}

double LatencyRecorder::maxUs() { return percentileUs(1.0); }

std::string toJson(Report& r) {
  const double rps = r.durationS > 0 ? static_cast<double>(r.completed) / r.durationS : 0;
  char line[512];
  std::snprintf(line, sizeof line,
                "{\"rps\":%.1f,\"p50_us\":%.1f,\"p90_us\":%.1f,\"p99_us\":%.1f,\"max_us\":%.1f,"
                "\"ttfb_p50_us\":%.1f,\"ttfb_p99_us\":%.1f,\"errors\":%llu,\"completed\":%llu,"
                "\"events\":%llu,\"duration_s\":%.3f,\"timed_out\":%s}",
                rps, r.latency.percentileUs(0.50), r.latency.percentileUs(0.90),
                r.latency.percentileUs(0.99), r.latency.maxUs(), r.ttfb.percentileUs(0.50),
                r.ttfb.percentileUs(0.99), static_cast<unsigned long long>(r.errors),
                static_cast<unsigned long long>(r.completed),
                static_cast<unsigned long long>(r.events), r.durationS,
                r.timedOut ? "true" : "false");
  return line;
}

}  // namespace gateos::bench

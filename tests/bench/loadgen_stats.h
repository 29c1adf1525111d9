#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gateos::bench {

// http://host:port/path, the only URL form the load generator needs.
struct Url {
  std::string host;
  std::string port;
  std::string target;
};
std::optional<Url> parseUrl(std::string_view url);

// Every sample kept (a run is at most a few hundred thousand requests), sorted
// once when the percentiles are read.
class LatencyRecorder {
 public:
  void add(std::chrono::steady_clock::duration d);
  size_t count() const { return ns_.size(); }
  // q in [0, 1]; nearest-rank percentile in microseconds, 0 without samples.
  double percentileUs(double q);
  double maxUs();

 private:
  std::vector<int64_t> ns_;
  bool sorted_ = true;
};

struct Report {
  double durationS = 0;
  uint64_t completed = 0;
  uint64_t errors = 0;
  uint64_t events = 0;  // SSE events received (stream mode)
  bool timedOut = false;
  LatencyRecorder latency;
  LatencyRecorder ttfb;
};

// One JSON line: rps, p50_us, p90_us, p99_us, max_us, ttfb_p50_us, ttfb_p99_us,
// errors, completed, events, duration_s, timed_out.
std::string toJson(Report& r);

}  // namespace gateos::bench

// stages.secret_redaction micro-benchmark (built with the bench tools, run by
// hand, never by ctest): what the stage adds to a request — wantsRequest on
// the raw JSON body and, when it asks for the body, onRequest on the decoded
// request (decoding is the kernel's cost, not the stage's) — for 1 KB and
// 200 KB prompts of ordinary source text, clean and with two secrets.
// Budgets (issue 4): 1 KB ≤ 20 µs, 200 KB ≤ 1 ms. Thread CPU time, so other
// processes on a shared machine do not count; p50 and p90 over many runs.
//
//   cmake --build build --target gateos_bench_secret_redaction
//   build/bin/gateos_bench_secret_redaction [case 1-4] [iterations]
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "test_support.h"

using namespace gateos::plugins::stages::secret_redaction::testing;

namespace {

double cpuNowNs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) * 1e9 + double(ts.tv_nsec);
}

std::string promptOf(std::size_t bytes, bool withSecrets) {
  // Ordinary source text from the false-positive corpus, cut to size.
  std::string base = readFile(fixtureDir() / "clean" / "gateos_security_sources.cpp.txt") +
                     readFile(fixtureDir() / "clean" / "auth_service.py") +
                     readFile(fixtureDir() / "clean" / "session_store.ts");
  std::string out;
  while (out.size() < bytes) out += base;
  out.resize(bytes);
  if (withSecrets) {
    const std::string s1 = "\nexport GITHUB_TOKEN=ghp_Q8b2Lm4Xz9Tr6Yw1Kp3Nv7Hc5Jd0Fs2Ag4Ue\n";
    const std::string s2 = "\nAWS_ACCESS_KEY_ID=AKIAQ3EGRTY5VZX7MW2P\n";
    out.replace(out.size() / 3, s1.size(), s1);
    out.replace(2 * out.size() / 3, s2.size(), s2);
  }
  return out;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, std::size_t(double(v.size()) * p))];
}

void run(Harness& h, const char* label, std::size_t bytes, bool withSecrets, int iterations, double budgetUs) {
  const std::string prompt = promptOf(bytes, withSecrets);
  const std::string raw =
      Json{{"model", "gpt-4o"}, {"messages", Json::array({{{"role", "user"}, {"content", prompt}}})}}.dump();
  std::vector<double> wants, total;
  bool wanted = false;
  std::size_t redacted = 0;
  for (int i = 0; i < iterations; ++i) {
    auto ctx = h.context();
    ChatRequest request = userRequest(prompt);
    const double t0 = cpuNowNs();
    wanted = h.plugin.wantsRequest(ctx, raw);
    const double t1 = cpuNowNs();
    if (wanted) (void)h.plugin.onRequest(ctx, request);
    const double t2 = cpuNowNs();
    wants.push_back(t1 - t0);
    total.push_back(t2 - t0);
    redacted = countPlaceholders(allText(request));
  }
  const double p50 = percentile(total, 0.5) / 1000, p90 = percentile(total, 0.9) / 1000;
  std::printf("%-26s %7zu B  wantsRequest p50 %8.1f us  added p50 %8.1f us  p90 %8.1f us  (budget %4.0f us) %s"
              "  [wanted=%s, redacted=%zu]\n",
              label, raw.size(), percentile(wants, 0.5) / 1000, p50, p90, budgetUs, p50 <= budgetUs ? "PASS" : "FAIL",
              wanted ? "yes" : "no", redacted);
}

}  // namespace

int main(int argc, char** argv) {
  Harness h;
  h.host.discardAlerts = true;  // the kernel queues alerts off the hot path
  if (!h.status) {
    std::fprintf(stderr, "configure failed: %s\n", h.status.message().c_str());
    return 1;
  }
  const int only = argc > 1 ? std::atoi(argv[1]) : 0;
  const int n = argc > 2 ? std::atoi(argv[2]) : 0;
  if (only == 0 || only == 1) run(h, "1 KB prompt, clean", 1024, false, n ? n : 5000, 20);
  if (only == 0 || only == 2) run(h, "1 KB prompt, 2 secrets", 1024, true, n ? n : 5000, 20);
  if (only == 0 || only == 3) run(h, "200 KB prompt, clean", 200 * 1024, false, n ? n : 300, 1000);
  if (only == 0 || only == 4) run(h, "200 KB prompt, 2 secrets", 200 * 1024, true, n ? n : 300, 1000);
  return 0;
}

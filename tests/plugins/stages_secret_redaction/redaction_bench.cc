// Micro-benchmark of stages.secret_redaction (run by hand, not by ctest):
// wantsRequest + onRequest for a 1 KB and a 200 KB prompt, clean and with
// secrets. Prints ns per request (median of many runs).
//
//   cmake --build <build> --target gateos_bench_secret_redaction
//   <build>/tests/plugins/gateos_bench_secret_redaction
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "test_support.h"

using namespace gateos::plugins::stages::secret_redaction::testing;
using gateos::plugins::stages::secret_redaction::SecretRedactionPlugin;

namespace {

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

double medianNs(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void run(Harness& h, const char* label, std::size_t bytes, bool withSecrets, int iterations) {
  const std::string prompt = promptOf(bytes, withSecrets);
  const std::string raw = Json{{"model", "gpt-4o"}, {"messages", Json::array({{{"role", "user"}, {"content", prompt}}})}}.dump();
  std::vector<double> wants, total;
  bool wanted = false;
  for (int i = 0; i < iterations; ++i) {
    auto ctx = h.context();
    ChatRequest request = userRequest(prompt);  // decoding is the kernel's cost, not the stage's
    const auto t0 = std::chrono::steady_clock::now();
    wanted = h.plugin.wantsRequest(ctx, raw);
    const auto t1 = std::chrono::steady_clock::now();
    if (wanted) (void)h.plugin.onRequest(ctx, request);
    const auto t2 = std::chrono::steady_clock::now();
    wants.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
    total.push_back(std::chrono::duration<double, std::nano>(t2 - t0).count());
  }
  std::printf("%-28s %7zu bytes  wantsRequest %9.0f ns  wantsRequest+onRequest %9.0f ns  (wanted=%s)\n", label,
              raw.size(), medianNs(wants), medianNs(total), wanted ? "yes" : "no");
}

}  // namespace

// Optional arguments: <case 1..4> <iterations>, to profile one case alone.
int main(int argc, char** argv) {
  Harness h;
  h.host.discardAlerts = true;
  if (!h.status) {
    std::fprintf(stderr, "configure failed: %s\n", h.status.message().c_str());
    return 1;
  }
  const int only = argc > 1 ? std::atoi(argv[1]) : 0;
  const int n = argc > 2 ? std::atoi(argv[2]) : 0;
  if (only == 0 || only == 1) run(h, "1 KB prompt, clean", 1024, false, n ? n : 2000);
  if (only == 0 || only == 2) run(h, "1 KB prompt, 2 secrets", 1024, true, n ? n : 2000);
  if (only == 0 || only == 3) run(h, "200 KB prompt, clean", 200 * 1024, false, n ? n : 200);
  if (only == 0 || only == 4) run(h, "200 KB prompt, 2 secrets", 200 * 1024, true, n ? n : 200);
  return 0;
}

// Micro-benchmark: what policies.filetype_default_model adds to one request
// with 100 rules (issue 5 budget: policy + templates <= 20 us per request).
// Measures, per request: decoding the OpenAI body into the canonical request
// (the kernel does it only when a policy wants the request), wantsRequest and
// route(). Run by hand: build/bin/gateos_bench_policy [iterations]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "filetype_policy.h"
#include "filetype_rules_fixture.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/testing/fake_host.h"

using namespace gateos;
using namespace gateos::plugins::policies::filetype_default_model;

namespace {

template <typename F>
double microsPerCall(int iterations, F&& f) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) f();
  auto elapsed = std::chrono::steady_clock::now() - start;
  return std::chrono::duration<double, std::micro>(elapsed).count() / iterations;
}

}  // namespace

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::atoi(argv[1]) : 20000;
  sdk::testing::FakeHost host;
  FiletypePolicy policy;
  if (auto s = policy.configure(bench::hundredFiletypeRules(), host); !s) {
    std::fprintf(stderr, "configure: %s\n", s.message().c_str());
    return 1;
  }
  bench::UpCatalog catalog;
  const std::string& body = bench::kCodingRequestBody;
  sdk::RequestContext context;

  std::string model;
  double decode = microsPerCall(iterations, [&] {
    auto r = sdk::codec::openai_chat::decodeRequest(body);
    if (!r) std::abort();
  });
  auto request = sdk::codec::openai_chat::decodeRequest(body).value();
  double decide = microsPerCall(iterations, [&] {
    if (!policy.wantsRequest(context, "auto")) std::abort();
    auto d = policy.route(context, &request, "auto", catalog);
    if (!d || !*d) std::abort();
    model = (*d)->model;
  });
  sdk::RequestContext other;
  other.workspace = "no-rules";
  double skip = microsPerCall(iterations * 10, [&] {
    if (policy.wantsRequest(other, "auto")) std::abort();
  });
  std::printf("policies.filetype_default_model, 100 rules, %d iterations (chosen: %s)\n", iterations, model.c_str());
  std::printf("  decode canonical request : %6.2f us\n", decode);
  std::printf("  wantsRequest + route     : %6.2f us\n", decide);
  std::printf("  total added per request  : %6.2f us (budget 20 us with templates)\n", decode + decide);
  std::printf("  workspace without rules  : %6.3f us (wantsRequest only)\n", skip);
  return 0;
}

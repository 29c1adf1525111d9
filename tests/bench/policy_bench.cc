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
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/testing/fake_host.h"

using namespace gateos;
using namespace gateos::plugins::policies::filetype_default_model;

namespace {

class Catalog final : public sdk::ModelCatalog {
 public:
  bool contains(std::string_view m) const noexcept override { return m.starts_with("up/"); }
  std::vector<std::string> names() const override { return {}; }
};

sdk::Json hundredRules() {
  sdk::Json rules = sdk::Json::array();
  // 99 rules that do not match the request's files, then the one that does:
  // the worst case for first-match evaluation.
  for (int i = 0; i < 99; ++i)
    rules.push_back({{"name", "r" + std::to_string(i)},
                     {"glob", {"pkg" + std::to_string(i) + "/**/*.{c,h}", "*.ext" + std::to_string(i)}},
                     {"language", "lang" + std::to_string(i)},
                     {"model", "up/m" + std::to_string(i)}});
  rules.push_back({{"name", "python"}, {"glob", "src/**/*.py"}, {"model", "up/python"}});
  return {{"workspaces", {{"default", {{"rules", rules}, {"default_model", "up/general"}}}}}};
}

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
  if (auto s = policy.configure(hundredRules(), host); !s) {
    std::fprintf(stderr, "configure: %s\n", s.message().c_str());
    return 1;
  }
  Catalog catalog;
  // A typical coding-assistant request: a system prompt, some history, a
  // question naming a file and a fenced block.
  std::string body = R"({"model":"auto","stream":true,"messages":[)"
                     R"({"role":"system","content":"You are a careful coding assistant. Answer briefly."},)"
                     R"({"role":"user","content":"What does this module do?"},)"
                     R"({"role":"assistant","content":"It parses configuration files and validates them."},)"
                     R"({"role":"user","content":"Fix the bug in src/app/server.py:\n```python\ndef handler(req):\n    return req.body[0]\n```\nIt fails on empty bodies."}]})";
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

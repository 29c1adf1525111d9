// Micro-benchmark for issue 5's budget: what policies.filetype_default_model
// (100 rules) plus stages.prompt_templates (100 templates, 3 applying) add to
// one Chat Completions request, compared with the pass-through a request takes
// when neither has anything to do. Measures thread CPU time per request of the
// whole chain the kernel runs (ChatCall::start): decode the body once, the
// policy's wantsRequest + route, the stage's wantsRequest + onRequest, encode
// the upstream body — against pass-through (replace the model in the raw body).
//
//   cmake --build build --target gateos_bench_shaping && build/bin/gateos_bench_shaping [iterations]
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "filetype_policy.h"
#include "filetype_rules_fixture.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/testing/fake_host.h"
#include "gateos/sdk/util/json_scan.h"
#include "prompt_templates_plugin.h"

using namespace gateos;
using gateos::plugins::policies::filetype_default_model::FiletypePolicy;
using gateos::plugins::stages::prompt_templates::PromptTemplatesPlugin;

namespace {

// 97 templates for other file types, 3 that apply (prepend, append, user append).
sdk::Json hundredTemplates() {
  sdk::Json templates = sdk::Json::array();
  for (int i = 0; i < 97; ++i)
    templates.push_back({{"workspace", "default"},
                         {"name", "lang-" + std::to_string(i)},
                         {"body", "Conventions for language " + std::to_string(i) + " on {{date}} with {{model}}."},
                         {"match", {{"filetypes", {"lang" + std::to_string(i), ".ext" + std::to_string(i)}}}}});
  templates.push_back({{"workspace", "default"}, {"name", "style"}, {"body", "House style for {{workspace}} ({{client}})."}});
  templates.push_back(
      {{"workspace", "default"}, {"name", "tail"}, {"body", "Files: {{filetypes}}."}, {"placement", "system_append"}});
  templates.push_back({{"workspace", "default"},
                       {"name", "reminder"},
                       {"body", "Answer as {{team}}."},
                       {"variables", {{"team", "payments"}}},
                       {"placement", "user_append"}});
  return sdk::Json{{"templates", templates}};
}

double threadMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

template <typename F>
double medianMicros(int iterations, F&& f) {
  std::vector<double> samples;
  samples.reserve(static_cast<std::size_t>(iterations));
  for (int i = 0; i < iterations; ++i) {
    double t0 = threadMicros();
    f();
    samples.push_back(threadMicros() - t0);
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::atoi(argv[1]) : 20000;
  sdk::testing::FakeHost host;
  FiletypePolicy policy;
  PromptTemplatesPlugin templates;
  if (auto s = policy.configure(bench::hundredFiletypeRules(), host); !s) return std::fprintf(stderr, "policy: %s\n", s.message().c_str()), 1;
  if (auto s = templates.configure(hundredTemplates(), host); !s)
    return std::fprintf(stderr, "templates: %s\n", s.message().c_str()), 1;
  bench::UpCatalog catalog;
  const std::string& body = bench::kCodingRequestBody;

  std::string sink;
  const double passthrough = medianMicros(iterations, [&] {
    auto replaced = sdk::util::replaceTopLevelString(body, "model", "general");
    sink = std::move(*replaced);
  });
  std::string chosen;
  const double shaped = medianMicros(iterations, [&] {
    sdk::RequestContext context;
    context.workspace = "default";
    context.client.id = "codex";
    auto request = sdk::codec::openai_chat::decodeRequest(body);
    if (!request || !policy.wantsRequest(context, "auto")) std::abort();
    auto decision = policy.route(context, &*request, "auto", catalog);
    if (!decision || !*decision) std::abort();
    chosen = (*decision)->model;
    if (!templates.wantsRequest(context, body)) std::abort();
    if (!templates.onRequest(context, *request)) std::abort();
    sink = sdk::codec::openai_chat::encodeRequest(*request, "python");
  });
  std::printf("policy (100 rules) + prompt templates (100, 3 apply), %d requests, thread CPU median (chose %s)\n",
              iterations, chosen.c_str());
  std::printf("  pass-through (model replaced in the raw body) : %7.2f us\n", passthrough);
  std::printf("  decode + policy + templates + encode          : %7.2f us\n", shaped);
  std::printf("  added per request                              : %7.2f us (budget 20 us)\n", shaped - passthrough);
  return 0;
}

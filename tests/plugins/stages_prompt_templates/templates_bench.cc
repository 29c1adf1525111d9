// Micro-benchmark of stages.prompt_templates (run by hand, not by ctest): the
// per-request cost of the stage with 100 templates in the request's workspace
// (issue 5 budget: policy plus templates <= 20 us per request with 100 rules).
// Prints the median ns of wantsRequest alone and of wantsRequest + onRequest.
//
//   cmake --build <build> --target gateos_bench_prompt_templates
//   <build>/tests/plugins/gateos_bench_prompt_templates
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "gateos/sdk/testing/fake_host.h"
#include "prompt_templates_plugin.h"

using gateos::plugins::stages::prompt_templates::PromptTemplatesPlugin;
using gateos::sdk::Json;

namespace {

// 100 templates in "bench": 97 restricted to file types the request does not
// have, 3 that apply (system prepend, system append, user append).
Json config() {
  Json templates = Json::array();
  for (int i = 0; i < 97; ++i)
    templates.push_back({{"workspace", "bench"},
                         {"name", "lang-" + std::to_string(i)},
                         {"body", "Conventions for language " + std::to_string(i) + " on {{date}} with {{model}}."},
                         {"match", {{"filetypes", {"lang" + std::to_string(i), ".ext" + std::to_string(i)}}}}});
  templates.push_back({{"workspace", "bench"}, {"name", "style"}, {"body", "House style for {{workspace}} ({{client}})."}});
  templates.push_back({{"workspace", "bench"}, {"name", "tail"}, {"body", "Files: {{filetypes}}."}, {"placement", "system_append"}});
  templates.push_back({{"workspace", "bench"},
                       {"name", "reminder"},
                       {"body", "Answer as {{team}}."},
                       {"variables", {{"team", "payments"}}},
                       {"placement", "user_append"}});
  templates.push_back({{"workspace", "other"}, {"name", "x"}, {"body", "X"}});
  return Json{{"templates", templates}};
}

gateos::sdk::ChatRequest request() {
  gateos::sdk::ChatRequest r;
  gateos::sdk::Message system;
  system.role = gateos::sdk::Role::kSystem;
  system.content.push_back(gateos::sdk::ContentBlock::makeText(std::string(2000, 's')));
  gateos::sdk::Message user;
  user.content.push_back(gateos::sdk::ContentBlock::makeText(std::string(4000, 'u')));
  r.messages = {system, user};
  return r;
}

double medianNs(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void run(PromptTemplatesPlugin& plugin, const char* label, const std::string& workspace, int iterations) {
  std::vector<double> wants, total;
  bool wanted = false;
  for (int i = 0; i < iterations; ++i) {
    gateos::sdk::RequestContext ctx;
    ctx.workspace = workspace;
    ctx.client.id = "codex";
    ctx.client.files = {{"src/app.py", "python", true}, {"README.md", "", false}};
    auto r = request();
    r.model = "auto";  // decoding is the kernel's cost, not the stage's
    const auto t0 = std::chrono::steady_clock::now();
    wanted = plugin.wantsRequest(ctx, R"({"model":"auto","messages":[]})");
    const auto t1 = std::chrono::steady_clock::now();
    if (wanted) (void)plugin.onRequest(ctx, r);
    const auto t2 = std::chrono::steady_clock::now();
    wants.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count());
    total.push_back(std::chrono::duration<double, std::nano>(t2 - t0).count());
  }
  std::printf("%-40s wantsRequest %7.0f ns  wantsRequest+onRequest %7.0f ns  (wanted=%s)\n", label, medianNs(wants),
              medianNs(total), wanted ? "yes" : "no");
}

}  // namespace

int main() {
  gateos::sdk::testing::FakeHost host;
  PromptTemplatesPlugin plugin;
  if (auto s = plugin.configure(config(), host); !s) {
    std::fprintf(stderr, "configure: %s\n", s.message().c_str());
    return 1;
  }
  run(plugin, "workspace without templates", "nobody", 20000);
  run(plugin, "100 templates, 3 apply", "bench", 20000);
  return 0;
}

#pragma once
// The workload both file-type benchmarks run (gateos_bench_policy: the policy
// alone; gateos_bench_shaping: policy + templates, whole chain): 100 rules of
// which only the last matches, a catalog of "up/…" models, and a typical
// coding-assistant request about src/app/server.py.

#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/policy.h"

namespace gateos::bench {

class UpCatalog final : public sdk::ModelCatalog {
 public:
  bool contains(std::string_view m) const noexcept override { return m.starts_with("up/"); }
  std::vector<std::string> names() const override { return {}; }
};

// 99 rules that do not match the request's files, then the one that does:
// the worst case for first-match evaluation.
inline sdk::Json hundredFiletypeRules() {
  sdk::Json rules = sdk::Json::array();
  for (int i = 0; i < 99; ++i)
    rules.push_back({{"name", "r" + std::to_string(i)},
                     {"glob", {"pkg" + std::to_string(i) + "/**/*.{c,h}", "*.ext" + std::to_string(i)}},
                     {"language", "lang" + std::to_string(i)},
                     {"model", "up/m" + std::to_string(i)}});
  rules.push_back({{"name", "python"}, {"glob", "src/**/*.py"}, {"model", "up/python"}});
  return {{"workspaces", {{"default", {{"rules", rules}, {"default_model", "up/general"}}}}}};
}

// System prompt, some history, a question naming a file with a fenced block.
inline const std::string kCodingRequestBody =
    R"({"model":"auto","stream":true,"messages":[)"
    R"({"role":"system","content":"You are a careful coding assistant. Answer briefly."},)"
    R"({"role":"user","content":"What does this module do?"},)"
    R"({"role":"assistant","content":"It parses configuration files and validates them."},)"
    R"({"role":"user","content":"Fix the bug in src/app/server.py:\n```python\ndef handler(req):\n    return req.body[0]\n```\nIt fails on empty bodies."}]})";

}  // namespace gateos::bench

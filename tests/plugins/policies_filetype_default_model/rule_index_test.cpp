#include "rule_index.h"

#include <gtest/gtest.h>

#include "routing_rules.h"

namespace gateos::plugins::policies::filetype_default_model {
namespace {

Rule globRule(std::vector<std::string> patterns, std::vector<std::string> languages = {}) {
  Rule rule;
  for (const auto& p : patterns) rule.globs.push_back(Glob::compile(p).value());
  rule.languages = std::move(languages);
  rule.model = "m";
  return rule;
}

// The first rule a plain scan of every rule finds: what the index must reproduce.
const Rule* bruteForce(const std::vector<Rule>& rules, const FileCandidate& file) {
  PathSegments path(file.path);
  for (const auto& rule : rules)
    if (!rule.hasFileCondition() || rule.matchesFile(file, path)) return &rule;
  return nullptr;
}

TEST(RuleIndexTest, PrunesOnlyRulesThatCannotMatch) {
  WorkspaceRules ws;
  ws.rules.push_back(globRule({"pkg/**/*.{c,h}"}));
  ws.rules.push_back(globRule({"*.test.ts"}));
  ws.rules.push_back(globRule({"Dockerfile", "*file"}));
  ws.rules.push_back(globRule({"docs/**"}));
  ws.rules.push_back(globRule({"src/**/*.py"}, {"python"}));
  ws.rules.push_back(globRule({"*.[ch]pp"}));
  ws.rules.push_back(globRule({"setup.py"}));
  ws.rules.push_back(globRule({}, {"rust"}));
  ws.rules.push_back(globRule({"*.md"}));
  for (int i = 0; i < 70; ++i) ws.rules.push_back(globRule({"x" + std::to_string(i) + "/*.ext" + std::to_string(i)}));
  ws.rules.push_back(globRule({"x69/*.ext69", "**/*.go"}));
  ws.index = RuleIndex(ws.rules);

  const std::vector<std::pair<std::string, std::string>> paths = {
      {"pkg/a/b.c", "c"},
      {"pkg/a/b.h", ""},
      {"web/app.test.ts", "typescript"},
      {"Dockerfile", ""},
      {"Makefile", ""},
      {"docs/guide/intro.txt", ""},
      {"/home/me/src/app.py", "python"},
      {"notes.py", "python"},
      {"lib.cpp", "cpp"},
      {"lib.hpp", ""},
      {"setup.py", "python"},
      {"", "rust"},
      {"README.md", "markdown"},
      {"x42/y.ext42", ""},
      {"x69/y.ext69", ""},
      {"cmd/main.go", "go"},
      {"nothing.zzz", ""},
      {"", ""},
  };
  RuleIndex::Bits bits;
  for (const auto& [path, language] : paths) {
    FileCandidate file;
    file.path = path;
    file.language = language;
    const Rule* expected = bruteForce(ws.rules, file);
    auto got = firstMatch(ws, {file}, /*autocomplete=*/false, /*explicitOnly=*/false);
    EXPECT_EQ(got ? got->rule : nullptr, expected) << "path '" << file.path << "' language '" << file.language << "'";
  }
  // The index really prunes: a .py file is not checked against the 70 ".extN" rules.
  ws.index.candidates("app.py", "python", bits);
  std::size_t possible = 0;
  for (auto w : bits) possible += static_cast<std::size_t>(__builtin_popcountll(w));
  EXPECT_LE(possible, 6u);
}

TEST(RuleIndexTest, ExtensionIsAfterTheLastDot) {
  EXPECT_EQ(indexedExtension("a.test.ts"), "ts");
  EXPECT_EQ(indexedExtension("Dockerfile"), "Dockerfile");
  EXPECT_EQ(indexedExtension("trailing."), "");
}

}  // namespace
}  // namespace gateos::plugins::policies::filetype_default_model

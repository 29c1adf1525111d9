#include "glob.h"

#include <gtest/gtest.h>

namespace gateos::plugins::policies::filetype_default_model {
namespace {

bool matches(std::string_view pattern, std::string_view path) {
  auto glob = Glob::compile(pattern);
  EXPECT_TRUE(glob) << pattern << ": " << glob.status().message();
  return glob && glob->matches(path);
}

std::string compileError(std::string_view pattern) {
  auto glob = Glob::compile(pattern);
  return glob ? std::string("compiled") : glob.status().message();
}

TEST(GlobTest, PatternWithoutSlashMatchesTheFileNameAtAnyDepth) {
  EXPECT_TRUE(matches("*.md", "README.md"));
  EXPECT_TRUE(matches("*.md", "docs/guide/intro.md"));
  EXPECT_FALSE(matches("*.md", "docs/guide/intro.mdx"));
  EXPECT_TRUE(matches("Dockerfile", "deploy/Dockerfile"));
  EXPECT_FALSE(matches("Dockerfile", "deploy/Dockerfile.dev"));
}

TEST(GlobTest, DoubleStarMatchesZeroOrMoreDirectories) {
  EXPECT_TRUE(matches("src/**/*.py", "src/app.py"));
  EXPECT_TRUE(matches("src/**/*.py", "src/a/b/c/app.py"));
  EXPECT_FALSE(matches("src/**/*.py", "tests/app.py"));
  EXPECT_FALSE(matches("src/**/*.py", "src/app.js"));
  EXPECT_TRUE(matches("**/test_*.py", "test_x.py"));
  EXPECT_TRUE(matches("src/**", "src/a/b"));
}

TEST(GlobTest, PatternWithSlashMatchesAnyTailAtADirectoryBoundary) {
  EXPECT_TRUE(matches("src/**/*.py", "/home/me/project/src/pkg/app.py"));
  EXPECT_TRUE(matches("src/*.py", "./src/app.py"));
  EXPECT_TRUE(matches("src/*.py", "C:\\work\\src\\app.py"));
  EXPECT_FALSE(matches("src/*.py", "mysrc/app.py"));
  EXPECT_FALSE(matches("src/*.py", "src/pkg/app.py"));  // '*' stays within a segment
}

TEST(GlobTest, QuestionMarkClassesAndEscapes) {
  EXPECT_TRUE(matches("file?.c", "file1.c"));
  EXPECT_FALSE(matches("file?.c", "file12.c"));
  EXPECT_TRUE(matches("[Mm]akefile", "makefile"));
  EXPECT_TRUE(matches("*.[ch]", "x.h"));
  EXPECT_FALSE(matches("*.[!ch]", "x.h"));
  EXPECT_TRUE(matches("v[0-9].txt", "v7.txt"));
  EXPECT_TRUE(matches("a\\*b", "a*b"));
  EXPECT_FALSE(matches("a\\*b", "axb"));
}

TEST(GlobTest, BracesGiveAlternatives) {
  EXPECT_TRUE(matches("*.{ts,tsx}", "ui/App.tsx"));
  EXPECT_TRUE(matches("*.{ts,tsx}", "ui/app.ts"));
  EXPECT_FALSE(matches("*.{ts,tsx}", "ui/app.js"));
  EXPECT_TRUE(matches("{src,lib}/**/*.{c,h}", "lib/x/y.h"));
}

TEST(GlobTest, InvalidPatternsAreRefusedWithTheReason) {
  EXPECT_EQ(compileError(""), "empty glob");
  EXPECT_EQ(compileError("src/[ab.py"), "unclosed '['");
  EXPECT_EQ(compileError("*.{py,md"), "unclosed '{'");
  EXPECT_EQ(compileError("*.py}"), "unmatched '}'");
  EXPECT_EQ(compileError("src/a**/x"), "'**' must be a whole path segment (as in \"src/**/*.py\")");
  EXPECT_EQ(compileError("x\\"), "ends with a lone '\\'");
}

TEST(GlobTest, SegmentMatcherBacktracks) {
  EXPECT_TRUE(matchSegment("*a*b*c", "xxaxxbxxc"));
  EXPECT_FALSE(matchSegment("*a*b*c", "xxaxxbxx"));
  EXPECT_TRUE(matchSegment("*", ""));
  EXPECT_FALSE(matchSegment("?", ""));
}

}  // namespace
}  // namespace gateos::plugins::policies::filetype_default_model

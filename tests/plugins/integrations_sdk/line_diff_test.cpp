// The shared helpers of gateos::sdk_integration (line diffs, undo, JSON text
// edits), tested here with the plugin that links them.
#include <gtest/gtest.h>

#include "gateos/sdk/integration/config_text.h"
#include "gateos/sdk/integration/line_diff.h"

namespace gateos::sdk::integration {
namespace {

TEST(LineDiffTest, UnifiedDiffShowsAddedAndReplacedLines) {
  std::string before = "a\nb\nc\n";
  std::string after = "a\nB\nc\nd\n";
  std::string diff = unifiedDiff(before, after, "x", "x");
  EXPECT_EQ(diff, "--- x\n+++ x\n@@ -1,3 +1,4 @@\n a\n-b\n+B\n c\n+d\n");
  EXPECT_EQ(unifiedDiff(before, before, "x", "x"), "");
}

TEST(LineDiffTest, NewFileDiffCountsFromZero) {
  EXPECT_EQ(unifiedDiff("", "x\n", "/dev/null", "f"), "--- /dev/null\n+++ f\n@@ -0,0 +1,1 @@\n+x\n");
}

TEST(LineDiffTest, UndoKeepsEditsMadeElsewhere) {
  std::string before = "one\ntwo\nthree\n";
  std::string after = "one\nGATEOS\ntwo\nthree\nGATEOS-END\n";
  std::string current = "zero\none\nGATEOS\ntwo\nTHREE\nGATEOS-END\n";
  auto undone = undoEdits(before, after, current);
  ASSERT_TRUE(undone) << undone.status().message();
  EXPECT_EQ(undone.value(), "zero\none\ntwo\nTHREE\n");
}

TEST(LineDiffTest, UndoWidensANonUniqueBlock) {
  std::string before = "[a]\nx = 1\n[b]\ny = 2\n";
  std::string after = "[a]\nx = 1\nz = 3\n[b]\ny = 2\n";
  std::string current = "[a]\nx = 1\nz = 3\n[b]\ny = 2\nz = 3\n";  // the user wrote the same line elsewhere
  auto undone = undoEdits(before, after, current);
  ASSERT_TRUE(undone) << undone.status().message();
  EXPECT_EQ(undone.value(), "[a]\nx = 1\n[b]\ny = 2\nz = 3\n");
}

TEST(LineDiffTest, UndoFailsWhenGateosLinesChanged) {
  auto undone = undoEdits("a\n", "a\nmine\n", "a\nMINE\n");
  ASSERT_FALSE(undone);
  EXPECT_EQ(undone.status().code(), StatusCode::kFailedPrecondition);
}

TEST(LineDiffTest, LastLineWithoutNewline) {
  std::string before = "a\nb";
  std::string after = "a\nb\nc\n";
  auto undone = undoEdits(before, after, "x\n" + after);
  ASSERT_TRUE(undone);
  EXPECT_EQ(undone.value(), "x\na\nb");
}

TEST(JsonMembersTest, ReplacesNestedValueInPlace) {
  std::string text = "{\n  \"env\": {\n    \"A\": \"1\",\n    \"B\": 2\n  }\n}\n";
  auto out = setJsonMembers(text, {"env"}, {{"B", Json(3)}, {"C", Json("c")}});
  ASSERT_TRUE(out);
  EXPECT_EQ(out.value(), "{\n  \"env\": {\n    \"C\": \"c\",\n    \"A\": \"1\",\n    \"B\": 3\n  }\n}\n");
}

TEST(JsonMembersTest, CreatesMissingObjectsOnThePath) {
  auto out = setJsonMembers("{\"x\": 1}", {"a", "b"}, {{"k", Json("v")}});
  ASSERT_TRUE(out);
  auto doc = Json::parse(out.value());
  EXPECT_EQ(doc["a"]["b"]["k"], "v");
  EXPECT_EQ(doc["x"], 1);
}

TEST(JsonMembersTest, RejectsANonObjectOnThePath) {
  auto out = setJsonMembers("{\"env\": []}", {"env"}, {{"k", Json("v")}});
  EXPECT_FALSE(out);
}

TEST(JsonMembersTest, SkipsCommentsAndStringsWithBraces) {
  std::string text = "{\n  // a } comment\n  \"s\": \"{not an object}\",\n  \"o\": {}\n}\n";
  auto out = setJsonMembers(text, {"o"}, {{"k", Json(true)}});
  ASSERT_TRUE(out);
  auto doc = Json::parse(out.value(), nullptr, true, true);
  EXPECT_EQ(doc["o"]["k"], true);
  EXPECT_EQ(doc["s"], "{not an object}");
}

TEST(ConfigChecksTest, ReportLineOfTheProblem) {
  EXPECT_TRUE(checkToml("a = 1\n[t]\nb = \"x\"\n"));
  auto toml = checkToml("a = 1\na = 2\n");
  EXPECT_FALSE(toml);
  EXPECT_TRUE(checkYaml("a: 1\nb:\n  - c\n"));
  auto yaml = checkYaml("a: [1\n");
  EXPECT_FALSE(yaml);
  EXPECT_NE(yaml.message().find("line"), std::string::npos);
  EXPECT_FALSE(checkJson("[1]"));
}

}  // namespace
}  // namespace gateos::sdk::integration

#include "gateos/sdk/util/text_template.h"

#include <gtest/gtest.h>

#include <array>

namespace gateos::sdk::util {
namespace {

constexpr std::array<std::string_view, 3> kVars = {"name", "team", "date"};

std::string renderOrFail(std::string_view body, std::array<std::string_view, 3> values = {"Ada", "core", "2026-12-03"}) {
  auto t = TextTemplate::parse(body, kVars);
  EXPECT_TRUE(t) << t.status().message();
  if (!t) return {};
  std::string out;
  t.value().render(values, out);
  return out;
}

TEST(TextTemplateTest, RendersEveryVariableAndLiteralText) {
  EXPECT_EQ(renderOrFail("Hi {{name}} of {{team}}, today is {{date}}."), "Hi Ada of core, today is 2026-12-03.");
  EXPECT_EQ(renderOrFail("{{name}}{{name}}"), "AdaAda");
  EXPECT_EQ(renderOrFail("no variables at all"), "no variables at all");
  EXPECT_EQ(renderOrFail(""), "");
}

TEST(TextTemplateTest, IgnoresSpacesInsideBraces) { EXPECT_EQ(renderOrFail("{{ name }}/{{\tteam\t}}"), "Ada/core"); }

TEST(TextTemplateTest, EscapedBracesAndLoneBracesAreLiteral) {
  EXPECT_EQ(renderOrFail("\\{{name}} is {{name}}"), "{{name}} is Ada");
  EXPECT_EQ(renderOrFail("a }} b { c } {x}"), "a }} b { c } {x}");
  EXPECT_EQ(renderOrFail("back\\slash"), "back\\slash");
}

TEST(TextTemplateTest, EmptyValuesRenderAsNothing) { EXPECT_EQ(renderOrFail("[{{name}}]", {"", "", ""}), "[]"); }

TEST(TextTemplateTest, UnknownVariableNamesPositionAndKnownNames) {
  auto t = TextTemplate::parse("line one\nsee {{tema}}", kVars);
  ASSERT_FALSE(t);
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(t.status().reason(), "unknown_variable");
  EXPECT_EQ(t.status().message(), "line 2, column 5: unknown variable \"tema\" (known: name, team, date)");
}

TEST(TextTemplateTest, BadSyntaxIsRefusedWithPosition) {
  struct Case {
    std::string_view body;
    std::string_view message;
  };
  const Case cases[] = {
      {"hello {{name", "line 1, column 7: \"{{\" is not closed by \"}}\""},
      {"{{name {{team}}", "line 1, column 1: \"{{\" is not closed by \"}}\""},
      {"x {{}}", "line 1, column 3: empty variable name in \"{{}}\""},
      {"x {{   }}", "line 1, column 3: empty variable name in \"{{}}\""},
      {"{{a b}}", "line 1, column 1: invalid variable name \"a b\""},
      {"{{1st}}", "line 1, column 1: invalid variable name \"1st\""},
      {"{{na.me}}", "line 1, column 1: invalid variable name \"na.me\""},
  };
  for (const auto& c : cases) {
    auto t = TextTemplate::parse(c.body, kVars);
    ASSERT_FALSE(t) << c.body;
    EXPECT_EQ(t.status().reason(), "template_syntax") << c.body;
    EXPECT_TRUE(t.status().message().starts_with(c.message)) << c.body << " -> " << t.status().message();
  }
}

TEST(TextTemplateTest, NameRules) {
  EXPECT_TRUE(TextTemplate::isValidName("a"));
  EXPECT_TRUE(TextTemplate::isValidName("_x-1"));
  EXPECT_FALSE(TextTemplate::isValidName(""));
  EXPECT_FALSE(TextTemplate::isValidName("-x"));
  EXPECT_FALSE(TextTemplate::isValidName(std::string(65, 'a')));
  EXPECT_TRUE(TextTemplate::isValidName(std::string(64, 'a')));
}

TEST(TextTemplateTest, SplitAtFirstOccurrence) {
  auto t = TextTemplate::parse("<{{team}}>{{name}}</{{team}}>", kVars);
  ASSERT_TRUE(t);
  EXPECT_EQ(t.value().occurrences(0), 1u);
  EXPECT_EQ(t.value().occurrences(1), 2u);
  EXPECT_FALSE(t.value().uses(2));
  auto [before, after] = t.value().splitAt(0);
  std::array<std::string_view, 3> values = {"Ada", "core", ""};
  std::string a, b;
  before.render(values, a);
  after.render(values, b);
  EXPECT_EQ(a, "<core>");
  EXPECT_EQ(b, "</core>");
}

}  // namespace
}  // namespace gateos::sdk::util

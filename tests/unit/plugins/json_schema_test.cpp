#include "plugins/json_schema.h"

#include <gtest/gtest.h>

namespace gateos::kernel::plugins {
namespace {

using sdk::Json;

JsonSchema compiled(const Json& schema) {
  auto result = JsonSchema::compile(schema);
  EXPECT_TRUE(result.isOk()) << result.status().message();
  return std::move(result).value();
}

std::string errorOf(const Json& schema, const Json& value) { return compiled(schema).validate(value).message(); }

const Json kProviderSchema = Json::parse(R"({
  "type": "object",
  "properties": {
    "base_url": {"type": "string", "format": "uri"},
    "timeouts": {"type": "object", "properties": {"connect_ms": {"type": "integer", "minimum": 1}}},
    "models": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3}
  },
  "required": ["base_url"]
})");

TEST(JsonSchemaTest, AcceptsAValidDocument) {
  EXPECT_TRUE(compiled(kProviderSchema)
                  .validate(Json{{"base_url", "https://api.example.com/v1"},
                                 {"timeouts", {{"connect_ms", 5}}},
                                 {"models", {"a", "b"}}})
                  .isOk());
}

TEST(JsonSchemaTest, NamesThePathOfAWronglyTypedValue) {
  EXPECT_EQ(errorOf(kProviderSchema, Json{{"base_url", 42}}), "base_url: expected string, got number");
  EXPECT_EQ(errorOf(kProviderSchema, Json{{"base_url", "http://x"}, {"models", {"a", 1}}}),
            "models[1]: expected string, got number");
}

TEST(JsonSchemaTest, RejectsUnknownKeysInObjectSchemas) {
  EXPECT_EQ(errorOf(kProviderSchema, Json{{"base_url", "http://x"}, {"bas_url", "http://y"}}), "unknown key 'bas_url'");
  EXPECT_EQ(errorOf(kProviderSchema, Json{{"base_url", "http://x"}, {"timeouts", {{"read_ms", 1}}}}),
            "timeouts: unknown key 'read_ms'");
}

TEST(JsonSchemaTest, AdditionalPropertiesTrueOrASchemaOpensAnObject) {
  auto open = Json::parse(R"({"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":true})");
  EXPECT_TRUE(compiled(open).validate(Json{{"a", "x"}, {"b", 1}}).isOk());
  auto map = Json::parse(R"({"type":"object","additionalProperties":{"type":"string"}})");
  EXPECT_TRUE(compiled(map).validate(Json{{"X-Foo", "1"}}).isOk());
  EXPECT_EQ(errorOf(map, Json{{"X-Foo", 1}}), "X-Foo: expected string, got number");
  auto closedEmpty = Json::parse(R"({"type":"object"})");
  EXPECT_EQ(errorOf(closedEmpty, Json{{"a", 1}}), "unknown key 'a'");
}

TEST(JsonSchemaTest, ReportsMissingRequiredKeys) {
  EXPECT_EQ(errorOf(kProviderSchema, Json::object()), "missing required key 'base_url'");
}

TEST(JsonSchemaTest, ChecksNumericBounds) {
  EXPECT_EQ(errorOf(kProviderSchema, Json{{"base_url", "http://x"}, {"timeouts", {{"connect_ms", 0}}}}),
            "timeouts.connect_ms: must be >= 1");
  auto bounds = Json::parse(R"({"maximum":10,"exclusiveMinimum":0,"exclusiveMaximum":10.5})");
  EXPECT_EQ(errorOf(bounds, 11), "must be <= 10; must be < 10.5");
  EXPECT_EQ(errorOf(bounds, 0), "must be > 0");
  EXPECT_TRUE(compiled(bounds).validate(10).isOk());
  EXPECT_EQ(errorOf(Json::parse(R"({"exclusiveMaximum":2.5})"), 2.5), "must be < 2.5");
}

TEST(JsonSchemaTest, IntegerAcceptsIntegralNumbersOnly) {
  auto integer = Json::parse(R"({"type":"integer"})");
  EXPECT_TRUE(compiled(integer).validate(3).isOk());
  EXPECT_TRUE(compiled(integer).validate(3.0).isOk());
  EXPECT_EQ(errorOf(integer, 3.5), "expected integer, got number");
  EXPECT_EQ(errorOf(integer, "3"), "expected integer, got string");
}

TEST(JsonSchemaTest, TypeArraysAcceptAnyListedType) {
  auto nullable = Json::parse(R"({"type":["string","null"]})");
  EXPECT_TRUE(compiled(nullable).validate(nullptr).isOk());
  EXPECT_TRUE(compiled(nullable).validate("x").isOk());
  EXPECT_EQ(errorOf(nullable, true), "expected string or null, got boolean");
}

TEST(JsonSchemaTest, ChecksStringLengthAndPattern) {
  auto s = Json::parse(R"({"type":"string","minLength":2,"maxLength":4,"pattern":"^[a-z]+$"})");
  EXPECT_TRUE(compiled(s).validate("abc").isOk());
  EXPECT_EQ(errorOf(s, "a"), "must be at least 2 characters");
  EXPECT_EQ(errorOf(s, "abcde"), "must be at most 4 characters");
  EXPECT_EQ(errorOf(s, "ABC"), "must match pattern '^[a-z]+$'");
  // Lengths count code points, not bytes.
  EXPECT_TRUE(compiled(Json::parse(R"({"maxLength":2})")).validate("\u00e9\u00e9").isOk());
}

TEST(JsonSchemaTest, PatternIsUnanchoredLikeJsonSchema) {
  EXPECT_TRUE(compiled(Json::parse(R"({"pattern":"b+"})")).validate("abba").isOk());
}

TEST(JsonSchemaTest, ChecksEnumAndConst) {
  auto e = Json::parse(R"({"enum":["fast","safe",1]})");
  EXPECT_TRUE(compiled(e).validate("safe").isOk());
  EXPECT_EQ(errorOf(e, "slow"), R"(must be one of "fast", "safe", 1)");
  EXPECT_EQ(errorOf(Json::parse(R"({"const":"v1"})"), "v2"), R"(must be "v1")");
}

TEST(JsonSchemaTest, ChecksArrays) {
  auto a = Json::parse(R"({"type":"array","items":{"type":"integer"},"minItems":1,"maxItems":2,"uniqueItems":true})");
  EXPECT_TRUE(compiled(a).validate(Json{1, 2}).isOk());
  EXPECT_EQ(errorOf(a, Json::array()), "must have at least 1 items");
  EXPECT_EQ(errorOf(a, Json{1, 2, 3}), "must have at most 2 items");
  EXPECT_EQ(errorOf(a, Json{1, 1}), "items 0 and 1 are equal");
}

TEST(JsonSchemaTest, ChecksUriFormat) {
  auto u = Json::parse(R"({"type":"string","format":"uri"})");
  EXPECT_TRUE(compiled(u).validate("http://127.0.0.1:8080/v1").isOk());
  EXPECT_TRUE(compiled(u).validate("https://user@api.example.com").isOk());
  EXPECT_EQ(errorOf(u, "ftp://x"), "invalid URL (expected http:// or https://)");
  EXPECT_FALSE(compiled(u).validate("https://").isOk());
  EXPECT_FALSE(compiled(u).validate("https://a b").isOk());
}

TEST(JsonSchemaTest, CombinesSchemasWithAnyOfOneOfAllOf) {
  auto any = Json::parse(R"({"anyOf":[{"type":"string"},{"type":"integer","minimum":0}]})");
  EXPECT_TRUE(compiled(any).validate("x").isOk());
  EXPECT_TRUE(compiled(any).validate(3).isOk());
  EXPECT_EQ(errorOf(any, -1), "does not match any allowed schema (first: expected string, got number)");

  auto one = Json::parse(R"({"oneOf":[{"type":"integer"},{"type":"number","minimum":0}]})");
  EXPECT_TRUE(compiled(one).validate(-2).isOk());
  EXPECT_EQ(errorOf(one, 2), "must match exactly one allowed schema, matched 2");

  auto all = Json::parse(R"({"allOf":[{"type":"integer"},{"maximum":5}]})");
  EXPECT_EQ(errorOf(all, 6), "must be <= 5");
}

TEST(JsonSchemaTest, BooleanSchemas) {
  EXPECT_TRUE(compiled(true).validate(Json{{"a", 1}}).isOk());
  EXPECT_EQ(errorOf(Json::parse(R"({"type":"object","properties":{"a":false}})"), Json{{"a", 1}}),
            "a: no value is allowed here");
}

TEST(JsonSchemaTest, ReportsEveryErrorJoined) {
  auto status = compiled(kProviderSchema).validate(Json{{"bas_url", "x"}, {"timeouts", {{"connect_ms", "5"}}}});
  EXPECT_EQ(status.code(), sdk::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(),
            "missing required key 'base_url'; unknown key 'bas_url'; timeouts.connect_ms: expected integer, got string");
}

TEST(JsonSchemaTest, AppliesDefaultsRecursively) {
  auto schema = Json::parse(R"({
    "type": "object",
    "properties": {
      "retries": {"type": "integer", "default": 3},
      "name": {"type": "string"},
      "timeouts": {"type": "object", "default": {},
                   "properties": {"connect_ms": {"type": "integer", "default": 1000}}},
      "list": {"type": "array", "items": {"type": "object", "properties": {"w": {"default": 1}}}}
    }
  })");
  Json value = {{"retries", 5}, {"list", {Json::object(), {{"w", 2}}}}};
  compiled(schema).applyDefaults(value);
  EXPECT_EQ(value, Json::parse(R"({"retries":5,"timeouts":{"connect_ms":1000},"list":[{"w":1},{"w":2}]})"));
}

TEST(JsonSchemaTest, FreeFunctionsCompileAndValidate) {
  EXPECT_EQ(validate(kProviderSchema, Json{{"base_url", 1}}).message(), "base_url: expected string, got number");
  Json value = Json::object();
  EXPECT_TRUE(applyDefaults(Json::parse(R"({"properties":{"a":{"default":1}}})"), value).isOk());
  EXPECT_EQ(value, Json({{"a", 1}}));
}

TEST(JsonSchemaTest, RefusesUnsupportedKeywordsAtCompile) {
  auto result = JsonSchema::compile(Json::parse(R"({"properties":{"port":{"type":"integer","multipleOf":2}}})"));
  ASSERT_FALSE(result.isOk());
  EXPECT_EQ(result.status().message(), "/properties/port: unsupported keyword 'multipleOf'");
  EXPECT_FALSE(JsonSchema::compile(Json::parse(R"({"$ref":"#/x"})")).isOk());
  EXPECT_FALSE(JsonSchema::compile(Json::parse(R"({"format":"email"})")).isOk());
  EXPECT_FALSE(JsonSchema::compile(Json::parse(R"({"items":[{"type":"string"}]})")).isOk());
}

TEST(JsonSchemaTest, RefusesMalformedKeywordValues) {
  EXPECT_EQ(JsonSchema::compile(Json::parse(R"({"type":"text"})")).status().message(), "/: type: unknown type 'text'");
  EXPECT_FALSE(JsonSchema::compile(Json::parse(R"({"minimum":"1"})")).isOk());
  EXPECT_FALSE(JsonSchema::compile(Json::parse(R"({"minLength":-1})")).isOk());
  EXPECT_FALSE(JsonSchema::compile(Json::parse(R"({"pattern":"(unclosed"})")).isOk());
  EXPECT_FALSE(JsonSchema::compile(Json::parse(R"({"required":"a"})")).isOk());
  EXPECT_FALSE(JsonSchema::compile(42).isOk());
}

TEST(JsonSchemaTest, IgnoresAnnotationsAndUiHints) {
  auto schema = Json::parse(R"({"$schema":"https://json-schema.org/draft/2020-12/schema","title":"t",
    "description":"d","type":"string","writeOnly":true,"secret":true,"x-ui-widget":"password","examples":["a"]})");
  EXPECT_TRUE(compiled(schema).validate("x").isOk());
}

}  // namespace
}  // namespace gateos::kernel::plugins

// One test group per language of import statements.
#include <gtest/gtest.h>

#include "test_support.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

using testing::describeAll;
using testing::hasMention;
using testing::scanText;

TEST(PythonImportsTest, ImportsAndFromImportsNamePackages) {
  auto m = scanText("```python\nimport requests\nimport numpy as np, pandas\nfrom flask import Flask\n"
                    "from sklearn.model_selection import train_test_split\n```\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "requests")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "numpy"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "pandas"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "flask"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "scikit-learn"));
}

TEST(PythonImportsTest, MapsImportNamesToTheirPackages) {
  auto m = scanText("import yaml\nimport cv2\nfrom PIL import Image\nfrom bs4 import BeautifulSoup\nimport dateutil.parser\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "PyYAML")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "opencv-python"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "Pillow"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "beautifulsoup4"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "python-dateutil"));
}

TEST(PythonImportsTest, SkipsTheStandardLibraryAndRelativeImports) {
  auto m = scanText("import os, sys\nfrom collections import OrderedDict\nfrom . import sibling\nfrom .models import X\n");
  EXPECT_TRUE(m.empty()) << describeAll(m);
}

TEST(JavaScriptImportsTest, EsmCommonJsAndDynamicImports) {
  auto m = scanText("import express from 'express';\nimport { z } from \"zod\";\nimport '@scope/side-effect/register';\n"
                    "const _ = require('lodash/fp');\nconst x = await import('chalk');\n"
                    "export { a } from 'left-padd';\nimport {\n  a,\n  b,\n} from 'multi-line-pkg';\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "express")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "zod"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "@scope/side-effect"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "lodash"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "chalk"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "left-padd"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "multi-line-pkg"));
}

TEST(JavaScriptImportsTest, SkipsBuiltinsAndRelativePaths) {
  auto m = scanText("```ts\nimport fs from 'fs';\nimport path from \"node:path\";\nimport x from './x';\n"
                    "const y = require('../y');\n```\n");
  EXPECT_TRUE(m.empty()) << describeAll(m);
}

TEST(GoImportsTest, SingleImportsAndBlocksGiveModules) {
  auto m = scanText("```go\nimport \"fmt\"\nimport (\n\t\"net/http\"\n\tgin \"github.com/gin-gonic/gin\"\n"
                    "\t\"golang.org/x/crypto/ssh\"\n\t\"github.com/go-redis/redis/v8\"\n)\n```\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kGo, "github.com/gin-gonic/gin")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kGo, "golang.org/x/crypto/ssh"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kGo, "github.com/go-redis/redis/v8"));
  EXPECT_EQ(m.size(), 3u) << describeAll(m);
}

TEST(RustImportsTest, UseAndExternCrate) {
  auto m = scanText("```rust\nuse serde::{Deserialize, Serialize};\nuse std::collections::HashMap;\n"
                    "use crate::local;\nextern crate rand;\npub use tokio::sync;\n```\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kCrates, "serde")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kCrates, "rand"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kCrates, "tokio"));
  EXPECT_EQ(m.size(), 3u) << describeAll(m);
}

TEST(JavaImportsTest, WellKnownLibrariesMapToMavenArtifacts) {
  auto m = scanText("import org.apache.logging.log4j.LogManager;\nimport java.util.List;\n"
                    "import com.fasterxml.jackson.databind.ObjectMapper;\nimport static org.slf4j.LoggerFactory.getLogger;\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kMaven, "org.apache.logging.log4j:log4j-core")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kMaven, "com.fasterxml.jackson.core:jackson-databind"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kMaven, "org.slf4j:slf4j-api"));
  EXPECT_EQ(m.size(), 3u) << describeAll(m);
}

TEST(JavaImportsTest, KotlinImportsWithoutSemicolons) {
  auto m = scanText("```kotlin\nimport com.google.gson.Gson\nimport kotlinx.coroutines.launch\n```\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kMaven, "com.google.code.gson:gson")) << describeAll(m);
  EXPECT_EQ(m.size(), 1u) << describeAll(m);
}

TEST(RubyImportsTest, RequireNamesGemsButNotTheStandardLibrary) {
  auto m = scanText("```ruby\nrequire 'nokogiri'\nrequire \"active_support/core_ext\"\nrequire 'json'\n```\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kRubyGems, "nokogiri")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kRubyGems, "activesupport"));
  EXPECT_EQ(m.size(), 2u) << describeAll(m);
}

TEST(PhpImportsTest, NamespacesMapToComposerPackages) {
  auto m = scanText("<?php\nuse Monolog\\Logger;\nuse GuzzleHttp\\Client;\nuse Symfony\\Component\\HttpFoundation\\Request;\n"
                    "use Ramsey\\Uuid\\Uuid;\n");
  EXPECT_TRUE(hasMention(m, Ecosystem::kPackagist, "monolog/monolog")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kPackagist, "guzzlehttp/guzzle"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPackagist, "symfony/http-foundation"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPackagist, "ramsey/uuid"));
}

TEST(ProseTest, OrdinaryTextNamesNoPackages) {
  auto m = scanText("Here is how it works. First we import the data from the file, then we use it.\n"
                    "You can require a review before merging. Install it from the store.\n");
  EXPECT_TRUE(m.empty()) << describeAll(m);
}

}  // namespace
}  // namespace gateos::plugins::stages::dependency_insight

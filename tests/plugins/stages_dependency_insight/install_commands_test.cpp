// Install commands of every supported tool, in prose and in code.
#include <gtest/gtest.h>

#include "extract/install_commands.h"
#include "test_support.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

using testing::describeAll;
using testing::hasMention;

Mentions install(std::string_view line) {
  Mentions out;
  extractInstallCommands(line, out);
  return out;
}

TEST(InstallCommandsTest, Pip) {
  auto m = install("pip install requests==2.19.0 'flask>=2' -r requirements.txt --index-url https://x numpy");
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "requests", "2.19.0")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "flask"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "numpy"));
  EXPECT_EQ(m.size(), 3u) << describeAll(m);
  EXPECT_TRUE(hasMention(install("python3 -m pip install -U evil-requests"), Ecosystem::kPyPI, "evil-requests"));
  EXPECT_TRUE(hasMention(install("uv pip install x==1.0"), Ecosystem::kPyPI, "x", "1.0"));
  EXPECT_TRUE(hasMention(install("uv add rich"), Ecosystem::kPyPI, "rich"));
  EXPECT_TRUE(hasMention(install("poetry add httpx@0.27.0"), Ecosystem::kPyPI, "httpx", "0.27.0"));
}

TEST(InstallCommandsTest, InProseTheCommandEndsWithTheSentence) {
  auto m = install("To fix it, run `pip install evil-requests` and then restart the server.");
  EXPECT_TRUE(hasMention(m, Ecosystem::kPyPI, "evil-requests")) << describeAll(m);
  EXPECT_EQ(m.size(), 1u) << describeAll(m);
  auto n = install("First pip install colorama. Then continue");
  EXPECT_EQ(n.size(), 1u) << describeAll(n);
}

TEST(InstallCommandsTest, NpmYarnPnpmBunNpx) {
  auto m = install("npm i -D @solana/web3.js@1.95.7 left-padd && yarn add express@4.17.1; pnpm add zod");
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "@solana/web3.js", "1.95.7")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "left-padd"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "express", "4.17.1"));
  EXPECT_TRUE(hasMention(m, Ecosystem::kNpm, "zod"));
  EXPECT_TRUE(hasMention(install("bun add chalk@latest"), Ecosystem::kNpm, "chalk"));
  auto npx = install("npx crossenv --help");
  EXPECT_TRUE(hasMention(npx, Ecosystem::kNpm, "crossenv")) << describeAll(npx);
  EXPECT_EQ(npx.size(), 1u);
}

TEST(InstallCommandsTest, CargoGoGemComposer) {
  auto m = install("cargo add time@0.1.42 serde --features derive");
  EXPECT_TRUE(hasMention(m, Ecosystem::kCrates, "time", "0.1.42")) << describeAll(m);
  EXPECT_TRUE(hasMention(m, Ecosystem::kCrates, "serde"));
  EXPECT_EQ(m.size(), 2u) << describeAll(m);
  EXPECT_TRUE(hasMention(install("cargo install ripgrep --version 13.0.0"), Ecosystem::kCrates, "ripgrep", "13.0.0"));
  EXPECT_TRUE(hasMention(install("go get github.com/gin-gonic/gin@v1.5.0"), Ecosystem::kGo, "github.com/gin-gonic/gin",
                         "v1.5.0"));
  EXPECT_TRUE(hasMention(install("go install golang.org/x/tools/gopls@latest"), Ecosystem::kGo, "golang.org/x/tools/gopls"));
  EXPECT_TRUE(hasMention(install("gem install rails -v 5.2.0"), Ecosystem::kRubyGems, "rails", "5.2.0"));
  EXPECT_TRUE(hasMention(install("composer require monolog/monolog:2.0.0"), Ecosystem::kPackagist, "monolog/monolog",
                         "2.0.0"));
}

TEST(InstallCommandsTest, PathsUrlsAndFlagsAreNotPackages) {
  EXPECT_TRUE(install("pip install -e . && pip install ./dist/x.whl git+https://github.com/a/b").empty());
  EXPECT_TRUE(install("npm install").empty());
  EXPECT_TRUE(install("npm install file:../local").empty());
  EXPECT_TRUE(install("We will install the pipeline tomorrow").empty());
}

}  // namespace
}  // namespace gateos::plugins::stages::dependency_insight

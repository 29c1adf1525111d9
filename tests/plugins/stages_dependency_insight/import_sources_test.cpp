// Reading OSV advisories from files, folders and zip archives.
#include <gtest/gtest.h>

#include <Poco/Zip/Compress.h>

#include <fstream>

#include "gateos/sdk/testing/fake_host.h"
#include "store/import_sources.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

namespace fs = std::filesystem;

const char* kAdvisory = R"({
  "id": "GHSA-test-0001",
  "modified": "2024-01-01T00:00:00Z",
  "summary": "Prototype pollution in lodash",
  "affected": [{"package": {"ecosystem": "npm", "name": "lodash"},
                "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "4.17.12"}]}]}]
})";
const char* kMalicious = R"({"id": "MAL-2024-9", "modified": "2024-01-01T00:00:00Z",
  "affected": [{"package": {"ecosystem": "PyPI", "name": "reqeusts"}, "versions": ["1.0.0"]}]})";
const char* kWithdrawn = R"({"id": "GHSA-old", "modified": "2024-01-01T00:00:00Z", "withdrawn": "2024-02-01T00:00:00Z",
  "affected": [{"package": {"ecosystem": "npm", "name": "x"}, "versions": ["1.0.0"]}]})";

class ImportSourcesTest : public ::testing::Test {
 protected:
  fs::path write(const fs::path& relative, const std::string& text) {
    auto path = host_.dataDirectory() / relative;
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
    return path;
  }
  sdk::testing::FakeHost host_;
  std::vector<RiskRecord> records_;
  ParseStats stats_;
};

TEST_F(ImportSourcesTest, SingleOsvFile) {
  ASSERT_TRUE(readSource(write("one.json", kAdvisory), records_, stats_));
  ASSERT_EQ(records_.size(), 1u);
  EXPECT_EQ(records_[0].kind, RiskKind::kVulnerable);
  EXPECT_EQ(records_[0].summary, "Prototype pollution in lodash");
  ASSERT_EQ(records_[0].ranges.size(), 1u);
  EXPECT_EQ(records_[0].ranges[0].fixed, "4.17.12");
}

TEST_F(ImportSourcesTest, FolderOfAdvisoriesSkipsWithdrawnOnes) {
  write("osv/a.json", kAdvisory);
  write("osv/nested/b.json", kMalicious);
  write("osv/c.json", kWithdrawn);
  write("osv/notes.txt", "not data");
  ASSERT_TRUE(readSource(host_.dataDirectory() / "osv", records_, stats_));
  EXPECT_EQ(records_.size(), 2u);
  EXPECT_EQ(stats_.withdrawn, 1u);
  EXPECT_EQ(stats_.documents, 3u);
  EXPECT_EQ(records_[1].kind, RiskKind::kMalicious);
  EXPECT_EQ(records_[1].versions, std::vector<std::string>{"1.0.0"});
}

TEST_F(ImportSourcesTest, ZipDumpLikeOsvPublishes) {
  auto zipPath = host_.dataDirectory() / "all.zip";
  {
    std::ofstream out(zipPath, std::ios::binary);
    Poco::Zip::Compress compress(out, true);
    std::istringstream a(kAdvisory), b(kMalicious), c(kWithdrawn);
    compress.addFile(a, Poco::DateTime(), "GHSA-test-0001.json");
    compress.addFile(b, Poco::DateTime(), "MAL-2024-9.json");
    compress.addFile(c, Poco::DateTime(), "GHSA-old.json");
    compress.close();
  }
  ASSERT_TRUE(readSource(zipPath, records_, stats_));
  EXPECT_EQ(records_.size(), 2u);
  EXPECT_EQ(stats_.withdrawn, 1u);
}

TEST_F(ImportSourcesTest, ErrorsNameTheInput) {
  auto s = readSource(write("broken.jsonl", "{\"ecosystem\": \"npm\", \"name\": \"a\"}\n{not json\n"), records_, stats_);
  ASSERT_FALSE(s);
  EXPECT_NE(s.message().find("broken.jsonl: line 2: invalid JSON"), std::string::npos) << s.message();
  auto missing = readSource(host_.dataDirectory() / "nope", records_, stats_);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.message().find("no such file"), std::string::npos);
  auto notZip = readSource(write("fake.zip", "hello"), records_, stats_);
  ASSERT_FALSE(notZip);
  EXPECT_NE(notZip.message().find("zip"), std::string::npos);
}

TEST_F(ImportSourcesTest, PackageStatusLines) {
  auto s = readSource(write("status.jsonl",
                            "# deprecated and archived packages\n"
                            "{\"ecosystem\": \"npm\", \"name\": \"request\", \"status\": \"deprecated\", \"reason\": \"no longer maintained\", \"replacement\": \"undici\"}\n"
                            "{\"ecosystem\": \"PyPI\", \"name\": \"nose\", \"status\": \"archived\"}\n"),
                      records_, stats_);
  ASSERT_TRUE(s) << s.message();
  ASSERT_EQ(records_.size(), 2u);
  EXPECT_EQ(records_[0].kind, RiskKind::kDeprecated);
  EXPECT_EQ(records_[0].replacement, "undici");
  EXPECT_EQ(records_[1].kind, RiskKind::kArchived);
  auto bad = readSource(write("bad.jsonl", "{\"ecosystem\": \"npm\", \"name\": \"a\", \"status\": \"vulnerable\"}\n"),
                        records_, stats_);
  EXPECT_FALSE(bad);
}

}  // namespace
}  // namespace gateos::plugins::stages::dependency_insight

#include <gtest/gtest.h>

#include <fstream>

#include "gateos/sdk/testing/fake_host.h"
#include "risk_data.h"
#include "store/store_format.h"
#include "test_support.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store_ = testing::storeFrom(testing::kFixtureData, host_.dataDirectory() / "t.store"); }

  std::vector<RiskHit> check(Ecosystem e, std::string_view name, std::string_view version = {}) {
    std::vector<RiskHit> hits;
    store_->check(e, name, version, hits);
    return hits;
  }

  sdk::testing::FakeHost host_;
  std::shared_ptr<const RiskStore> store_;
};

TEST_F(StoreTest, MaliciousForEveryVersionMatchesAnyMention) {
  auto hits = check(Ecosystem::kPyPI, "Evil_Requests");  // PEP 503 normalisation
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].kind, RiskKind::kMalicious);
  EXPECT_FALSE(hits[0].onlyListedVersions);
  EXPECT_EQ(check(Ecosystem::kPyPI, "evil-requests", "1.0.0").size(), 1u);
}

TEST_F(StoreTest, CompromisedReleasesWarnOnlyAboutTheListedVersions) {
  auto exact = check(Ecosystem::kNpm, "@solana/web3.js", "1.95.7");
  ASSERT_EQ(exact.size(), 1u);
  EXPECT_FALSE(exact[0].onlyListedVersions);
  EXPECT_TRUE(check(Ecosystem::kNpm, "@solana/web3.js", "1.95.8").empty());
  auto unversioned = check(Ecosystem::kNpm, "@solana/web3.js");
  ASSERT_EQ(unversioned.size(), 1u);
  EXPECT_TRUE(unversioned[0].onlyListedVersions);
  EXPECT_EQ(unversioned[0].listedVersions, "1.95.7");
}

TEST_F(StoreTest, VulnerableOnlyForAVersionInsideARange) {
  auto hits = check(Ecosystem::kPyPI, "requests", "2.19.0");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].kind, RiskKind::kVulnerable);
  EXPECT_EQ(hits[0].id, "PYSEC-2018-28");
  EXPECT_EQ(hits[0].fixed, "2.20.0");
  EXPECT_EQ(hits[0].link, "https://osv.dev/vulnerability/PYSEC-2018-28");
  EXPECT_TRUE(check(Ecosystem::kPyPI, "requests", "2.20.0").empty());
  EXPECT_TRUE(check(Ecosystem::kPyPI, "requests").empty());
  EXPECT_TRUE(check(Ecosystem::kPyPI, "requests", ">=2.0").empty());
  auto go = check(Ecosystem::kGo, "github.com/gin-gonic/gin", "v1.5.0");
  ASSERT_EQ(go.size(), 1u);
  EXPECT_EQ(go[0].link, "https://pkg.go.dev/vuln/GO-2020-0001");
  EXPECT_EQ(check(Ecosystem::kCrates, "time", "0.1.42").size(), 1u);
}

TEST_F(StoreTest, WithdrawnAdvisoriesAreSkipped) { EXPECT_TRUE(check(Ecosystem::kPyPI, "flask", "1.0").empty()); }

TEST_F(StoreTest, MalAdvisoriesOpenEndedAreMaliciousForEveryVersion) {
  auto hits = check(Ecosystem::kNpm, "left-padd");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].kind, RiskKind::kMalicious);
  EXPECT_FALSE(hits[0].onlyListedVersions);
}

TEST_F(StoreTest, ReplaceableAndArchivedEntries) {
  auto moment = check(Ecosystem::kNpm, "moment", "2.29.0");
  ASSERT_EQ(moment.size(), 1u);
  EXPECT_EQ(moment[0].kind, RiskKind::kReplaceable);
  EXPECT_EQ(moment[0].replacement, "dayjs | date-fns");
  auto nose = check(Ecosystem::kPyPI, "nose");
  ASSERT_EQ(nose.size(), 1u);
  EXPECT_EQ(nose[0].kind, RiskKind::kArchived);
  EXPECT_EQ(nose[0].link, "https://github.com/nose-devs/nose");
}

TEST_F(StoreTest, UnknownPackagesAndOtherEcosystemsMiss) {
  EXPECT_TRUE(check(Ecosystem::kNpm, "requests", "2.19.0").empty());
  EXPECT_TRUE(check(Ecosystem::kPyPI, "numpy").empty());
  EXPECT_FALSE(store_->contains(Ecosystem::kPyPI, "numpy"));
  EXPECT_TRUE(store_->contains(Ecosystem::kPyPI, "requests"));
}

TEST_F(StoreTest, RoundTripsThroughForEachRecordAndReplacesByAdvisoryId) {
  std::vector<RiskRecord> records;
  store_->forEachRecord([&](RiskRecord&& r) { records.push_back(std::move(r)); });
  EXPECT_EQ(records.size(), store_->entryCount());
  RiskRecord update;
  update.ecosystem = Ecosystem::kPyPI;
  update.name = "requests";
  update.kind = RiskKind::kVulnerable;
  update.id = "PYSEC-2018-28";
  update.ranges.push_back({"0", "2.21.0", ""});
  records.push_back(update);
  auto file = host_.dataDirectory() / "merged.store";
  ASSERT_TRUE(writeStore(records, file));
  auto merged = RiskStore::open(file).value();
  EXPECT_EQ(merged->entryCount(), store_->entryCount());
  std::vector<RiskHit> hits;
  merged->check(Ecosystem::kPyPI, "requests", "2.20.0", hits);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].fixed, "2.21.0");
}

TEST_F(StoreTest, RefusesFilesThatAreNotStores) {
  auto file = host_.dataDirectory() / "bad.store";
  std::ofstream(file) << std::string(200, 'x');
  auto bad = RiskStore::open(file);
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.status().message().find("not a risk store"), std::string::npos);
  // A truncated store fails the bounds check instead of reading past the end.
  std::ifstream in(host_.dataDirectory() / "t.store", std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size() / 2));
  auto truncated = RiskStore::open(file);
  ASSERT_FALSE(truncated);
  EXPECT_NE(truncated.status().message().find("corrupt"), std::string::npos);
  EXPECT_FALSE(RiskStore::open(host_.dataDirectory() / "missing.store"));
}

TEST_F(StoreTest, RiskDataTriesGoModulePrefixes) {
  RiskData data;
  data.add(store_);
  std::vector<Finding> findings;
  data.check({Ecosystem::kGo, "github.com/gin-gonic/gin/binding", "v1.5.0", MentionSource::kImport}, findings);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].name, "github.com/gin-gonic/gin");
}

}  // namespace
}  // namespace gateos::plugins::stages::dependency_insight

#include "storage/alert_log.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "storage/database.h"
#include "unit/storage/temp_dir.h"

namespace gateos::kernel::storage {
namespace {

using gateos::testing::TempDir;

class AlertLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = Database::open(dir_ / "gateos.db");
    ASSERT_TRUE(opened.isOk()) << opened.status().message();
    db_ = std::move(opened).value();
    ASSERT_TRUE(db_->migrate().isOk());
  }

  static sdk::Alert alert(std::string kind, std::string workspace, int n) {
    sdk::Alert a;
    a.severity = n % 2 == 0 ? sdk::AlertSeverity::kWarning : sdk::AlertSeverity::kCritical;
    a.kind = std::move(kind);
    a.message = "alert " + std::to_string(n);
    a.detail = {{"n", n}};
    a.requestId = "req-" + std::to_string(n);
    a.workspace = std::move(workspace);
    return a;
  }

  std::int64_t countRows() {
    auto stmt = db_->prepare("SELECT COUNT(*) FROM alerts");
    EXPECT_TRUE(stmt->step().value());
    return stmt->columnInt(0);
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
};

TEST_F(AlertLogTest, WritesRaisedAlertsOnFlush) {
  AlertLog log(*db_);
  for (int i = 0; i < 1000; ++i) log.raise(alert(i % 4 == 0 ? "secret_redacted" : "malicious_package", "default", i));
  ASSERT_TRUE(log.flush().isOk());
  EXPECT_EQ(countRows(), 1000);

  AlertQuery all;
  all.limit = 1000;
  auto rows = log.query(all);
  ASSERT_TRUE(rows.isOk()) << rows.status().message();
  ASSERT_EQ(rows->size(), 1000u);
  // Newest first, fields intact.
  const AlertRecord& newest = rows.value()[0];
  EXPECT_EQ(newest.message, "alert 999");
  EXPECT_EQ(newest.severity, sdk::AlertSeverity::kCritical);
  EXPECT_EQ(newest.detail["n"], 999);
  EXPECT_EQ(newest.requestId, "req-999");
  EXPECT_EQ(newest.kind, "malicious_package");
  EXPECT_GT(newest.ts, 0);

  AlertQuery byKind;
  byKind.kind = "secret_redacted";
  byKind.limit = 1000;
  EXPECT_EQ(log.query(byKind)->size(), 250u);
}

TEST_F(AlertLogTest, QueryFiltersByWorkspaceTimeAndPages) {
  AlertLog log(*db_);
  for (int i = 0; i < 10; ++i) log.raise(alert("k", i < 3 ? "team-a" : "default", i));
  ASSERT_TRUE(log.flush().isOk());
  // Rows raised within the same millisecond share a ts; spread them for the time filter.
  ASSERT_TRUE(db_->exec("UPDATE alerts SET ts = 1000 * id").isOk());

  AlertQuery ws;
  ws.workspace = "team-a";
  EXPECT_EQ(log.query(ws)->size(), 3u);

  auto ids = log.query({});
  ASSERT_EQ(ids->size(), 10u);
  const std::int64_t firstId = ids.value().back().id;
  AlertQuery window;
  window.sinceTs = 1000 * (firstId + 2);
  window.untilTs = 1000 * (firstId + 5);
  auto windowed = log.query(window).value();
  ASSERT_EQ(windowed.size(), 3u);
  EXPECT_EQ(windowed[0].id, firstId + 4);
  EXPECT_EQ(windowed[2].id, firstId + 2);

  AlertQuery page;
  page.limit = 4;
  auto p1 = log.query(page).value();
  ASSERT_EQ(p1.size(), 4u);
  page.beforeId = p1.back().id;
  auto p2 = log.query(page).value();
  ASSERT_EQ(p2.size(), 4u);
  EXPECT_EQ(p2.front().id, p1.back().id - 1);
}

TEST_F(AlertLogTest, BackgroundWriterFlushesWithoutBeingAsked) {
  AlertLog log(*db_, AlertLogOptions{.capacity = 100, .batchSize = 10, .flushInterval = std::chrono::milliseconds(20)});
  log.raise(alert("k", "default", 1));
  // Wait for the condition (bounded), not a fixed sleep.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (countRows() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ(countRows(), 1);
}

TEST_F(AlertLogTest, DropsAndCountsBeyondCapacity) {
  // A long interval and large batch keep the writer idle while we fill the queue.
  AlertLog log(*db_, AlertLogOptions{.capacity = 5, .batchSize = 1000, .flushInterval = std::chrono::hours(1)});
  for (int i = 0; i < 8; ++i) log.raise(alert("k", "default", i));
  EXPECT_EQ(log.dropped(), 3u);
  ASSERT_TRUE(log.flush().isOk());
  EXPECT_EQ(countRows(), 5);
}

TEST_F(AlertLogTest, DestructorWritesWhatIsQueued) {
  {
    AlertLog log(*db_, AlertLogOptions{.capacity = 100, .batchSize = 1000, .flushInterval = std::chrono::hours(1)});
    for (int i = 0; i < 7; ++i) log.raise(alert("k", "default", i));
  }
  EXPECT_EQ(countRows(), 7);
}

TEST_F(AlertLogTest, RaiseFromFourThreadsLosesNothing) {
  AlertLog log(*db_, AlertLogOptions{.capacity = 10000, .batchSize = 100, .flushInterval = std::chrono::milliseconds(5)});
  constexpr int kThreads = 4;
  constexpr int kPerThread = 1000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&log, t] {
      for (int i = 0; i < kPerThread; ++i) log.raise(alert("k", "ws" + std::to_string(t), t * kPerThread + i));
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_TRUE(log.flush().isOk());
  EXPECT_EQ(log.dropped(), 0u);
  EXPECT_EQ(countRows(), kThreads * kPerThread);
  std::set<std::string> requestIds;
  auto stmt = db_->prepare("SELECT request_id FROM alerts");
  while (stmt->step().value()) requestIds.insert(stmt->columnText(0));
  EXPECT_EQ(requestIds.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

}  // namespace
}  // namespace gateos::kernel::storage

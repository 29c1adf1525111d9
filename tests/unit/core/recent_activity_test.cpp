#include <gtest/gtest.h>

#include "core/stats/recent_activity.h"

namespace gateos::kernel::core {
namespace {

using namespace std::chrono_literals;

TEST(RecentActivityTest, CountsRequestsAndErrorsPerWindow) {
  RecentActivity::Clock::time_point now{std::chrono::hours(24 * 365 * 50)};
  RecentActivity activity([&] { return now; });
  activity.record(200);
  activity.record(502);
  now += 30min;
  activity.record(200);
  activity.record(401);
  auto hour = activity.last(60);
  EXPECT_EQ(hour.requests, 4u);
  EXPECT_EQ(hour.errors, 2u);
  now += 45min;  // the first two are now older than an hour
  hour = activity.last(60);
  EXPECT_EQ(hour.requests, 2u);
  EXPECT_EQ(hour.errors, 1u);
  EXPECT_EQ(activity.last(RecentActivity::kMinutes).requests, 4u);
}

TEST(RecentActivityTest, ADayLaterTheBucketStartsOver) {
  RecentActivity::Clock::time_point now{std::chrono::hours(24 * 365 * 50)};
  RecentActivity activity([&] { return now; });
  activity.record(200);
  now += 24h;  // same ring slot, another day
  activity.record(200);
  EXPECT_EQ(activity.last(RecentActivity::kMinutes).requests, 1u);
  EXPECT_EQ(activity.last(1).requests, 1u);
}

TEST(RecentActivityTest, EmptyIsZero) {
  RecentActivity activity;
  EXPECT_EQ(activity.last(60).requests, 0u);
  EXPECT_EQ(activity.last(100000).errors, 0u);
}

}  // namespace
}  // namespace gateos::kernel::core

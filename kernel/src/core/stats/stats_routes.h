#pragma once
// GET /admin/api/v1/stats: what the web UI's overview shows.

#include <functional>

#include "core/admin/admin_router.h"
#include "core/stats/recent_activity.h"
#include "gateos/sdk/json.h"

namespace gateos::kernel::core {

struct StatsSources {
  const RecentActivity* activity = nullptr;
  std::function<sdk::Json()> runtime;  // status fields (uptime, connections, streams …)
};

void registerStatsRoutes(AdminRouter& router, StatsSources sources);

}  // namespace gateos::kernel::core

#pragma once
// GET /admin/api/v1/alerts: the security log, newest first, filtered by kind,
// workspace and time, paged with `before`.

#include "core/admin/admin_router.h"
#include "storage/alert_log.h"

namespace gateos::kernel::core {

void registerAlertRoutes(AdminRouter& router, storage::AlertLog& alerts);

// Query string → AlertQuery; errors name the parameter.
sdk::Result<storage::AlertQuery> parseAlertQuery(const AdminRequest& request);

}  // namespace gateos::kernel::core

#pragma once
// Admin routes of client integrations:
//   GET  /clients[?home=DIR&project=DIR]
//   POST /clients/{id}/connect     {home?, project?, model?, base_url?, dry_run?}
//   POST /clients/{id}/disconnect  {dry_run?}

#include "core/admin/admin_router.h"
#include "core/integrations/client_connections.h"

namespace gateos::kernel::core::integrations {

void registerClientRoutes(AdminRouter& router, ClientConnections& connections);

}  // namespace gateos::kernel::core::integrations

#pragma once
// Registers the package manager's admin routes (package_admin.h lists them).

#include "core/admin/admin_router.h"
#include "core/packages/package_manager.h"

namespace gateos::kernel::core::packages {

void registerPackageRoutes(AdminRouter& router, PackageManager& manager);

}  // namespace gateos::kernel::core::packages

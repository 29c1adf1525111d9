#pragma once
// The kernel's own admin routes: status, providers, keys, plugins, aliases.

#include "core/admin/admin_router.h"
#include "core/kernel_control.h"

namespace gateos::kernel::core {

void registerCoreRoutes(AdminRouter& router, KernelControl& control);

}  // namespace gateos::kernel::core

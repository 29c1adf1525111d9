#pragma once
// The web UI's sign-in: POST/GET/DELETE /admin/api/v1/session.

#include "core/admin/admin_router.h"
#include "core/ui/admin_auth.h"

namespace gateos::kernel::core::ui {

// POST session {"token"} → sets the HttpOnly session cookie, returns the CSRF token.
// GET session → who is signed in (and the CSRF token again, for a reloaded page).
// DELETE session → signs out and clears the cookie.
void registerSessionRoutes(AdminRouter& router, const AdminAuth& auth);

}  // namespace gateos::kernel::core::ui

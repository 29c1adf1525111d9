#include "core/packages/package_routes.h"

#include "core/packages/package_admin.h"

namespace gateos::kernel::core::packages {

void registerPackageRoutes(AdminRouter& router, PackageManager& manager) {
  // One dispatcher serves the admin API and the offline CLI alike; the router
  // only decides which paths are ours.
  auto handler = [&manager](const AdminRequest& r) {
    auto reply = dispatchPackageAdmin(manager, r.method, r.path, r.query, r.body);
    if (!reply) return AdminReply::error(sdk::Status(sdk::StatusCode::kNotFound, "no admin route for " + r.path));
    return AdminReply::json(std::move(reply->body), reply->status);
  };
  static const std::pair<const char*, const char*> kRoutes[] = {
      {"GET", "plugins"},           {"POST", "plugins"},           {"POST", "plugins/upgrade"},
      {"GET", "plugins/{id}"},      {"DELETE", "plugins/{id}"},    {"POST", "plugins/{id}/upgrade"},
      {"POST", "plugins/{id}/enable"}, {"POST", "plugins/{id}/disable"}, {"GET", "packages"},
      {"GET", "registries"},        {"POST", "registries"},        {"DELETE", "registries/{name}"},
      {"GET", "trust"},             {"POST", "trust"},             {"DELETE", "trust/{id}"},
      {"GET", "plugins/{id}/config"}, {"PUT", "plugins/{id}/config"},
  };
  for (const auto& [method, pattern] : kRoutes) router.add(method, pattern, handler);
}

}  // namespace gateos::kernel::core::packages

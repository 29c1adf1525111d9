#include "core/admin/core_routes.h"

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

AdminReply needObject() { return AdminReply::error(Status(StatusCode::kInvalidArgument, "expected a JSON object")); }

}  // namespace

void registerCoreRoutes(AdminRouter& router, KernelControl& control) {
  router.add("GET", "status", [&control](const AdminRequest&) { return AdminReply::json(control.status()); });

  router.add("GET", "providers",
             [&control](const AdminRequest&) { return AdminReply::json(Json{{"data", control.listProviders()}}); });
  router.add("POST", "providers", [&control](const AdminRequest& r) {
    if (!r.bodyIsObject()) return needObject();
    std::string name = r.bodyString("name");
    if (name.empty()) return AdminReply::error(Status(StatusCode::kInvalidArgument, "name: required"));
    return AdminReply::from(control.putProvider(name, r.body, true), 201);
  });
  router.add("GET", "providers/{name}",
             [&control](const AdminRequest& r) { return AdminReply::from(control.getProvider(r.param(0))); });
  router.add("PUT", "providers/{name}", [&control](const AdminRequest& r) {
    if (!r.bodyIsObject()) return needObject();
    return AdminReply::from(control.putProvider(r.param(0), r.body, false));
  });
  router.add("DELETE", "providers/{name}",
             [&control](const AdminRequest& r) { return AdminReply::from(control.deleteProvider(r.param(0))); });
  // A provider test is a network call to the provider: it completes asynchronously.
  router.addAsync("POST", "providers/{name}/test", [&control](const AdminRequest& r, auto done) {
    control.testProvider(r.param(0), [done](sdk::Result<Json> result) { done(AdminReply::from(std::move(result))); });
  });

  router.add("GET", "keys", [&control](const AdminRequest&) { return AdminReply::json(Json{{"data", control.listKeys()}}); });
  router.add("POST", "keys", [&control](const AdminRequest& r) {
    std::string workspace = r.bodyString("workspace");
    return AdminReply::from(control.createKey(r.bodyString("name"), workspace.empty() ? "default" : workspace), 201);
  });
  router.add("DELETE", "keys/{id}",
             [&control](const AdminRequest& r) { return AdminReply::from(control.revokeKey(r.param(0))); });

  // plugins, packages, registries, trust: core/packages/package_routes.cpp

  router.add("GET", "aliases",
             [&control](const AdminRequest&) { return AdminReply::json(Json{{"data", control.listAliases()}}); });
  router.add("PUT", "aliases/{alias}", [&control](const AdminRequest& r) {
    std::string target = r.bodyString("target");
    if (target.empty()) return AdminReply::error(Status(StatusCode::kInvalidArgument, "target: required (\"provider/model\")"));
    return AdminReply::from(control.putAlias(r.param(0), target));
  });
  router.add("DELETE", "aliases/{alias}",
             [&control](const AdminRequest& r) { return AdminReply::from(control.deleteAlias(r.param(0))); });
}

}  // namespace gateos::kernel::core

#include "core/integrations/client_routes.h"

namespace gateos::kernel::core::integrations {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

sdk::Result<ConnectRequest> connectRequest(const AdminRequest& r) {
  if (!r.body.is_null() && !r.body.is_object()) return Status(StatusCode::kInvalidArgument, "expected a JSON object");
  ConnectRequest request;
  request.client = r.param(0);
  request.home = r.bodyString("home");
  request.project = r.bodyString("project");
  request.model = r.bodyString("model");
  request.baseUrl = r.bodyString("base_url");
  if (r.body.is_object() && r.body.contains("dry_run")) {
    if (!r.body["dry_run"].is_boolean()) return Status(StatusCode::kInvalidArgument, "dry_run: expected a boolean");
    request.dryRun = r.body["dry_run"].get<bool>();
  }
  for (const auto* dir : {&request.home, &request.project})
    if (!dir->empty() && !dir->is_absolute()) return Status(StatusCode::kInvalidArgument, "home and project: absolute paths");
  return request;
}

}  // namespace

void registerClientRoutes(AdminRouter& router, ClientConnections& connections) {
  router.add("GET", "clients", [&connections](const AdminRequest& r) {
    return AdminReply::from(connections.list(r.queryParam("home").value_or(""), r.queryParam("project").value_or("")));
  });
  router.add("POST", "clients/{id}/connect", [&connections](const AdminRequest& r) {
    auto request = connectRequest(r);
    if (!request) return AdminReply::error(request.status());
    return AdminReply::from(connections.connect(request.value()));
  });
  router.add("POST", "clients/{id}/disconnect", [&connections](const AdminRequest& r) {
    auto request = connectRequest(r);
    if (!request) return AdminReply::error(request.status());
    return AdminReply::from(connections.disconnect(request.value()));
  });
}

}  // namespace gateos::kernel::core::integrations

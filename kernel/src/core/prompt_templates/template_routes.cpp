#include "core/prompt_templates/template_routes.h"

#include <charconv>

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

// A version number from the URL or the body; nullopt when it is not a positive integer.
std::optional<std::int64_t> parseVersion(std::string_view text) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 1) return std::nullopt;
  return v;
}

AdminReply badVersion() {
  return AdminReply::error(Status(StatusCode::kInvalidArgument, "version: expected an integer >= 1"));
}

}  // namespace

void registerPromptTemplateRoutes(AdminRouter& router, PromptTemplateService& service) {
  constexpr std::string_view kBase = "workspaces/{workspace}/templates";
  auto path = [kBase](std::string_view rest) { return std::string(kBase) + std::string(rest); };

  router.add("GET", kBase, [&service](const AdminRequest& r) { return AdminReply::from(service.list(r.param(0))); });
  router.add("POST", kBase,
             [&service](const AdminRequest& r) { return AdminReply::from(service.create(r.param(0), r.body), 201); });
  router.add("POST", path("/preview"),
             [&service](const AdminRequest& r) { return AdminReply::from(service.preview(r.param(0), r.body)); });
  router.add("GET", path("/{name}"),
             [&service](const AdminRequest& r) { return AdminReply::from(service.get(r.param(0), r.param(1))); });
  router.add("PUT", path("/{name}"), [&service](const AdminRequest& r) {
    return AdminReply::from(service.update(r.param(0), r.param(1), r.body));
  });
  router.add("DELETE", path("/{name}"),
             [&service](const AdminRequest& r) { return AdminReply::from(service.remove(r.param(0), r.param(1))); });
  router.add("GET", path("/{name}/versions"),
             [&service](const AdminRequest& r) { return AdminReply::from(service.versions(r.param(0), r.param(1))); });
  router.add("GET", path("/{name}/versions/{version}"), [&service](const AdminRequest& r) {
    auto version = parseVersion(r.param(2));
    if (!version) return badVersion();
    return AdminReply::from(service.version(r.param(0), r.param(1), *version));
  });
  router.add("POST", path("/{name}/rollback"), [&service](const AdminRequest& r) {
    if (!r.bodyIsObject() || !r.body.contains("version") || !r.body["version"].is_number_integer() ||
        r.body["version"].get<std::int64_t>() < 1)
      return AdminReply::error(Status(StatusCode::kInvalidArgument, "version: required, an integer >= 1"));
    return AdminReply::from(service.rollback(r.param(0), r.param(1), r.body["version"].get<std::int64_t>()));
  });
}

}  // namespace gateos::kernel::core

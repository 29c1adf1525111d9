#include "core/admin_api.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

constexpr std::string_view kPrefix = "/admin/api/v1";

}  // namespace

void AdminApi::handle(net::ServerRequest& request, std::shared_ptr<net::ResponseWriter> writer) {
  auto respond = [writer](const AdminReply& reply) {
    sdk::Headers headers;
    headers.add("content-type", "application/json");
    headers.add("cache-control", "no-store");
    for (const auto& [name, value] : reply.headers) headers.add(name, value);
    writer->send(reply.status, std::move(headers), reply.body.is_null() ? std::string() : reply.body.dump());
  };
  std::string_view below = request.path.starts_with(kPrefix) ? std::string_view(request.path).substr(kPrefix.size())
                                                              : std::string_view();
  if (auto allowed = authorize_(request.method, below, request.headers); !allowed)
    return respond(AdminReply::error(allowed));
  if (request.problem == net::ServerRequest::Problem::kBodyTooLarge)
    return respond(AdminReply::error(Status(StatusCode::kPayloadTooLarge, "request body too large")));
  if (!request.path.starts_with(kPrefix))
    return respond(AdminReply::error(Status(StatusCode::kNotFound, "unknown admin API version")));

  auto admin = std::make_shared<AdminRequest>();
  admin->method = request.method;
  admin->path = request.path.substr(kPrefix.size());
  admin->query = request.query;
  admin->headers = request.headers;
  admin->remoteAddress = request.remoteAddress;
  if (!request.body.empty()) {
    admin->body = Json::parse(request.body, nullptr, false);
    if (admin->body.is_discarded())
      return respond(AdminReply::error(Status(StatusCode::kInvalidArgument, "invalid JSON body")));
  }

  auto match = router_.match(admin->method, admin->path);
  if (!match)
    return respond(AdminReply::error(Status(StatusCode::kNotFound, "no admin route for " + admin->path)));
  if (!match->handler && !match->asyncHandler)
    return respond(AdminReply{405, Json{{"error", {{"type", "method_not_allowed"},
                                                   {"message", admin->method + " is not allowed on " + admin->path}}}},
                              {}});
  admin->params = std::move(match->params);

  auto& executor = writer->executor();
  if (match->asyncHandler) {
    // Async handlers start their own work (e.g. a provider call) and finish on any thread.
    (*match->asyncHandler)(*admin, [respond, &executor, admin](AdminReply reply) {
      executor.post([respond, reply = std::move(reply)] { respond(reply); });
    });
    return;
  }
  const AdminHandler* handler = match->handler;  // routes are immutable while serving
  boost::asio::post(workers_, [handler, admin, respond, &executor]() {
    AdminReply reply;
    try {
      reply = (*handler)(*admin);
    } catch (const std::exception& e) {
      spdlog::error("admin {} {}: {}", admin->method, admin->path, e.what());
      reply = AdminReply::error(Status(StatusCode::kInternal, e.what()));
    }
    executor.post([respond, reply = std::move(reply)] { respond(reply); });
  });
}

}  // namespace gateos::kernel::core

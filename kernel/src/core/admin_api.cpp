#include "core/admin_api.h"

#include <boost/asio/post.hpp>
#include <future>
#include <spdlog/spdlog.h>

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

constexpr std::string_view kPrefix = "/admin/api/v1";

std::string_view adminToken(const sdk::Headers& headers) {
  std::string_view auth = headers.get("authorization");
  if (auth.size() > 7 && sdk::Headers::equalsIgnoreCase(auth.substr(0, 7), "Bearer ")) return auth.substr(7);
  return headers.get("x-admin-token");
}

// Splits "/providers/openai/test" into {"providers","openai","test"}.
std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

}  // namespace

AdminApi::Reply AdminApi::error(const Status& status) {
  const char* type = "invalid_request";
  switch (status.code()) {
    case StatusCode::kNotFound: type = "not_found"; break;
    case StatusCode::kConflict: type = "conflict"; break;
    case StatusCode::kUnauthenticated: type = "unauthorized"; break;
    case StatusCode::kInternal: type = "internal"; break;
    case StatusCode::kUnavailable:
    case StatusCode::kDeadlineExceeded:
    case StatusCode::kUpstreamError: type = "upstream"; break;
    default: break;
  }
  return {sdk::httpStatusOf(status), Json{{"error", {{"type", type}, {"message", status.message()}}}}};
}

void AdminApi::handle(net::ServerRequest& request, std::shared_ptr<net::ResponseWriter> writer) {
  auto respond = [writer](const Reply& reply) {
    sdk::Headers headers;
    headers.add("content-type", "application/json");
    headers.add("cache-control", "no-store");
    writer->send(reply.status, std::move(headers), reply.body.is_null() ? std::string() : reply.body.dump());
  };
  if (!verifyAdmin_(adminToken(request.headers))) {
    auto reply = error(Status(StatusCode::kUnauthenticated, "admin credential required: Authorization: Bearer <admin token>"));
    return respond(reply);
  }
  if (request.problem == net::ServerRequest::Problem::kBodyTooLarge)
    return respond(error(Status(StatusCode::kPayloadTooLarge, "request body too large")));
  if (!request.path.starts_with(kPrefix)) return respond(error(Status(StatusCode::kNotFound, "unknown admin API version")));

  Json body;
  if (!request.body.empty()) {
    body = Json::parse(request.body, nullptr, false);
    if (body.is_discarded()) return respond(error(Status(StatusCode::kInvalidArgument, "invalid JSON body")));
  }
  std::string method = request.method;
  std::string path = request.path.substr(kPrefix.size());

  // Provider tests complete asynchronously (a network call to the provider).
  auto parts = segments(path);
  if (method == "POST" && parts.size() == 3 && parts[0] == "providers" && parts[2] == "test") {
    auto& executor = writer->executor();
    control_.testProvider(parts[1], [respond, &executor](sdk::Result<Json> result) {
      Reply reply = result ? Reply{200, std::move(result.value())} : error(result.status());
      executor.post([respond, reply] { respond(reply); });
    });
    return;
  }

  auto& executor = writer->executor();
  boost::asio::post(workers_, [this, method = std::move(method), path = std::move(path), body = std::move(body),
                               respond, &executor]() {
    Reply reply;
    try {
      reply = dispatch(method, path, body);
    } catch (const std::exception& e) {
      spdlog::error("admin {} {}: {}", method, path, e.what());
      reply = error(Status(StatusCode::kInternal, e.what()));
    }
    executor.post([respond, reply = std::move(reply)] { respond(reply); });
  });
}

AdminApi::Reply AdminApi::dispatch(const std::string& method, const std::string& path, const Json& body) {
  auto parts = segments(path);
  auto bodyString = [&](const char* key) -> std::string {
    return body.is_object() && body.contains(key) && body[key].is_string() ? body[key].get<std::string>() : std::string();
  };
  auto fromStatus = [](const Status& s, int okStatus = 204) -> Reply {
    return s ? Reply{okStatus, Json()} : error(s);
  };
  auto fromResult = [](sdk::Result<Json> r, int okStatus = 200) -> Reply {
    return r ? Reply{okStatus, std::move(r.value())} : error(r.status());
  };

  if (parts.size() == 1 && parts[0] == "status" && method == "GET") return {200, control_.status()};

  if (!parts.empty() && parts[0] == "providers") {
    if (parts.size() == 1 && method == "GET") return {200, Json{{"data", control_.listProviders()}}};
    if (parts.size() == 1 && method == "POST") {
      if (!body.is_object()) return error(Status(StatusCode::kInvalidArgument, "expected a JSON object"));
      std::string name = bodyString("name");
      if (name.empty()) return error(Status(StatusCode::kInvalidArgument, "name: required"));
      return fromResult(control_.putProvider(name, body, true), 201);
    }
    if (parts.size() == 2 && method == "GET") return fromResult(control_.getProvider(parts[1]));
    if (parts.size() == 2 && method == "PUT") {
      if (!body.is_object()) return error(Status(StatusCode::kInvalidArgument, "expected a JSON object"));
      return fromResult(control_.putProvider(parts[1], body, false));
    }
    if (parts.size() == 2 && method == "DELETE") return fromStatus(control_.deleteProvider(parts[1]));
  }

  if (!parts.empty() && parts[0] == "keys") {
    if (parts.size() == 1 && method == "GET") return {200, Json{{"data", control_.listKeys()}}};
    if (parts.size() == 1 && method == "POST") {
      std::string workspace = bodyString("workspace");
      return fromResult(control_.createKey(bodyString("name"), workspace.empty() ? "default" : workspace), 201);
    }
    if (parts.size() == 2 && method == "DELETE") return fromStatus(control_.revokeKey(parts[1]));
  }

  if (parts.size() == 1 && parts[0] == "plugins" && method == "GET") return {200, Json{{"data", control_.listPlugins()}}};

  if (!parts.empty() && parts[0] == "aliases") {
    if (parts.size() == 1 && method == "GET") return {200, Json{{"data", control_.listAliases()}}};
    if (parts.size() == 2 && method == "PUT") {
      std::string target = bodyString("target");
      if (target.empty()) return error(Status(StatusCode::kInvalidArgument, "target: required (\"provider/model\")"));
      return fromStatus(control_.putAlias(parts[1], target));
    }
    if (parts.size() == 2 && method == "DELETE") return fromStatus(control_.deleteAlias(parts[1]));
  }
  return error(Status(StatusCode::kNotFound, "no admin route for " + method + " " + path));
}

}  // namespace gateos::kernel::core

#include "core/admin/admin_router.h"

#include <Poco/URI.h>

#include <stdexcept>

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

std::string percentDecode(std::string_view text) {
  std::string out;
  try {
    Poco::URI::decode(std::string(text), out);
  } catch (const std::exception&) {
    return std::string(text);  // malformed escapes: keep the raw text (it then matches nothing)
  }
  return out;
}

// Form encoding: '+' is a space in query strings (Poco only does that after a '?').
std::string queryDecode(std::string_view text) {
  std::string spaced(text);
  for (auto& c : spaced)
    if (c == '+') c = ' ';
  return percentDecode(spaced);
}

const char* errorType(StatusCode code) {
  switch (code) {
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kUnauthenticated: return "unauthorized";
    case StatusCode::kPermissionDenied: return "forbidden";
    case StatusCode::kInternal: return "internal";
    case StatusCode::kUnavailable:
    case StatusCode::kDeadlineExceeded:
    case StatusCode::kUpstreamError: return "upstream";
    default: return "invalid_request";
  }
}

// True when `parts` fit `segments`; fills the captures.
bool matchSegments(const std::vector<std::string>& segments, const std::vector<std::string>& parts,
                   std::vector<std::string>& params) {
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& segment = segments[i];
    if (segment == "{*}") {
      std::string rest;
      for (std::size_t k = i; k < parts.size(); ++k) rest += (k > i ? "/" : "") + percentDecode(parts[k]);
      params.push_back(std::move(rest));
      return true;
    }
    if (i >= parts.size()) return false;
    if (segment == "{}") {
      params.push_back(percentDecode(parts[i]));
    } else if (segment != parts[i]) {
      return false;
    }
  }
  return segments.size() == parts.size();
}

}  // namespace

AdminReply AdminReply::error(const Status& status) {
  return {sdk::httpStatusOf(status), Json{{"error", {{"type", errorType(status.code())}, {"message", status.message()}}}},
          {}};
}

AdminReply AdminReply::from(const Status& status, int okStatus) {
  return status ? AdminReply{okStatus, Json(), {}} : error(status);
}

AdminReply AdminReply::from(sdk::Result<Json> result, int okStatus) {
  return result ? AdminReply{okStatus, std::move(result.value()), {}} : error(result.status());
}

std::optional<std::string> AdminRequest::queryParam(std::string_view name) const {
  std::string_view rest = query;
  while (!rest.empty()) {
    std::size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    std::size_t eq = pair.find('=');
    std::string key = queryDecode(pair.substr(0, eq));
    if (key == name) return eq == std::string_view::npos ? std::string() : queryDecode(pair.substr(eq + 1));
  }
  return std::nullopt;
}

std::string AdminRequest::bodyString(std::string_view key) const {
  if (!body.is_object()) return {};
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> splitPath(std::string_view path) {
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

void AdminRouter::addRoute(Route route, std::string_view pattern) {
  for (auto& segment : splitPath(pattern)) {
    if (segment == "{*}") {
      route.segments.push_back("{*}");
    } else if (segment.size() >= 2 && segment.front() == '{' && segment.back() == '}') {
      route.segments.push_back("{}");
    } else {
      route.segments.push_back(std::move(segment));
    }
  }
  for (std::size_t i = 0; i + 1 < route.segments.size(); ++i)
    if (route.segments[i] == "{*}") throw std::invalid_argument("admin route: {*} must be last in " + std::string(pattern));
  routes_.push_back(std::move(route));
}

void AdminRouter::add(std::string method, std::string_view pattern, AdminHandler handler) {
  addRoute(Route{std::move(method), {}, std::move(handler), {}}, pattern);
}

void AdminRouter::addAsync(std::string method, std::string_view pattern, AdminAsyncHandler handler) {
  addRoute(Route{std::move(method), {}, {}, std::move(handler)}, pattern);
}

std::optional<AdminRouter::Match> AdminRouter::match(std::string_view method, std::string_view path) const {
  auto parts = splitPath(path);
  bool pathKnown = false;
  // Literal segments beat captures: "keys/groups" wins over "keys/{id}" whatever the order of registration.
  const Route* best = nullptr;
  int bestLiterals = -1;
  std::vector<std::string> bestParams;
  for (const auto& route : routes_) {
    std::vector<std::string> params;
    if (!matchSegments(route.segments, parts, params)) continue;
    pathKnown = true;
    if (route.method != method) continue;
    int literals = 0;
    for (const auto& segment : route.segments) literals += segment.front() != '{';
    if (literals > bestLiterals) {
      best = &route;
      bestLiterals = literals;
      bestParams = std::move(params);
    }
  }
  if (best) {
    Match m;
    if (best->handler) m.handler = &best->handler;
    else m.asyncHandler = &best->asyncHandler;
    m.params = std::move(bestParams);
    return m;
  }
  if (pathKnown) return Match{};
  return std::nullopt;
}

std::vector<std::string> AdminRouter::describe() const {
  std::vector<std::string> out;
  for (const auto& route : routes_) {
    std::string line = route.method + " ";
    for (std::size_t i = 0; i < route.segments.size(); ++i) line += (i ? "/" : "") + route.segments[i];
    out.push_back(std::move(line));
  }
  return out;
}

}  // namespace gateos::kernel::core

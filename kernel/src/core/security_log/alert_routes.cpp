#include "core/security_log/alert_routes.h"

#include <charconv>

namespace gateos::kernel::core {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

sdk::Result<std::optional<std::int64_t>> integerParam(const AdminRequest& r, std::string_view name, const char* what) {
  auto text = r.queryParam(name);
  if (!text || text->empty()) return std::optional<std::int64_t>();
  std::int64_t value = 0;
  auto res = std::from_chars(text->data(), text->data() + text->size(), value);
  if (res.ec != std::errc() || res.ptr != text->data() + text->size() || value < 0)
    return Status(StatusCode::kInvalidArgument, std::string(name) + ": expected " + what);
  return std::optional<std::int64_t>(value);
}

Json toJson(const storage::AlertRecord& a) {
  return Json{{"id", a.id},
              {"ts", a.ts},
              {"severity", storage::toString(a.severity)},
              {"kind", a.kind},
              {"message", a.message},
              {"detail", a.detail},
              {"request_id", a.requestId},
              {"workspace", a.workspace}};
}

}  // namespace

sdk::Result<storage::AlertQuery> parseAlertQuery(const AdminRequest& r) {
  storage::AlertQuery q;
  q.kind = r.queryParam("kind").value_or("");
  q.workspace = r.queryParam("workspace").value_or("");
  auto since = integerParam(r, "since", "milliseconds since the epoch");
  if (!since) return since.status();
  auto until = integerParam(r, "until", "milliseconds since the epoch");
  if (!until) return until.status();
  auto before = integerParam(r, "before", "an alert id");
  if (!before) return before.status();
  auto limit = integerParam(r, "limit", "a number from 1 to 1000");
  if (!limit) return limit.status();
  if (limit.value() && (*limit.value() < 1 || *limit.value() > 1000))
    return Status(StatusCode::kInvalidArgument, "limit: expected a number from 1 to 1000");
  q.sinceTs = since.value();
  q.untilTs = until.value();
  q.beforeId = before.value();
  q.limit = limit.value() ? static_cast<int>(*limit.value()) : 100;
  return q;
}

void registerAlertRoutes(AdminRouter& router, storage::AlertLog& alerts) {
  router.add("GET", "alerts", [&alerts](const AdminRequest& r) {
    auto query = parseAlertQuery(r);
    if (!query) return AdminReply::error(query.status());
    // Alerts are written in batches; a reader wants the ones raised a moment ago too.
    (void)alerts.flush();
    auto rows = alerts.query(query.value());
    if (!rows) return AdminReply::error(rows.status());
    Json data = Json::array();
    for (const auto& a : rows.value()) data.push_back(toJson(a));
    Json out{{"data", std::move(data)}};
    // A full page may have more behind it.
    out["next_before"] = rows->size() == static_cast<std::size_t>(query->limit) && !rows->empty()
                             ? Json(rows->back().id)
                             : Json(nullptr);
    return AdminReply::json(std::move(out));
  });
}

}  // namespace gateos::kernel::core

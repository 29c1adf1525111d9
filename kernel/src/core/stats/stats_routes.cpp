#include "core/stats/stats_routes.h"

namespace gateos::kernel::core {

using sdk::Json;

namespace {
Json window(const RecentActivity& activity, int minutes) {
  auto t = activity.last(minutes);
  return Json{{"requests", t.requests}, {"errors", t.errors}};
}
}  // namespace

void registerStatsRoutes(AdminRouter& router, StatsSources sources) {
  router.add("GET", "stats", [sources = std::move(sources)](const AdminRequest&) {
    Json out = sources.runtime ? sources.runtime() : Json::object();
    // Token usage is not metered by the kernel yet (the usage-meter issue); the
    // field is absent rather than a made-up zero.
    out["last_hour"] = window(*sources.activity, 60);
    out["last_day"] = window(*sources.activity, RecentActivity::kMinutes);
    return AdminReply::json(std::move(out));
  });
}

}  // namespace gateos::kernel::core

#include "core/ui/admin_sessions.h"

#include <algorithm>

namespace gateos::kernel::core::ui {

AdminSessions::AdminSessions(AdminSessionOptions options, Now now) : options_(options), now_(std::move(now)) {}

bool AdminSessions::expired(const Session& s, Clock::time_point now) const {
  return now - s.lastUsed >= options_.idleTimeout || now - s.created >= options_.lifetime;
}

void AdminSessions::pruneLocked(Clock::time_point now) {
  std::erase_if(sessions_, [&](const auto& entry) { return expired(entry.second, now); });
}

AdminSessions::Created AdminSessions::create() {
  Created created{security::randomToken("gses_"), security::randomToken("gcsrf_")};
  const auto now = now_();
  std::lock_guard lock(mutex_);
  pruneLocked(now);
  while (sessions_.size() >= std::max<std::size_t>(options_.maxSessions, 1)) {
    auto oldest = std::min_element(sessions_.begin(), sessions_.end(),
                                   [](const auto& a, const auto& b) { return a.second.created < b.second.created; });
    sessions_.erase(oldest);
  }
  sessions_[security::hashToken(created.id)] = Session{created.csrf, now, now};
  return created;
}

std::optional<std::string> AdminSessions::touch(std::string_view id) {
  if (id.empty()) return std::nullopt;
  const auto key = security::hashToken(id);
  const auto now = now_();
  std::lock_guard lock(mutex_);
  auto it = sessions_.find(key);
  if (it == sessions_.end()) return std::nullopt;
  if (expired(it->second, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.lastUsed = now;
  return it->second.csrf;
}

bool AdminSessions::destroy(std::string_view id) {
  if (id.empty()) return false;
  const auto key = security::hashToken(id);
  std::lock_guard lock(mutex_);
  return sessions_.erase(key) > 0;
}

std::size_t AdminSessions::size() {
  std::lock_guard lock(mutex_);
  pruneLocked(now_());
  return sessions_.size();
}

}  // namespace gateos::kernel::core::ui

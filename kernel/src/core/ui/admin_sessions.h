#pragma once
// Browser sessions for the web UI, in memory only (a restart signs everybody
// out). Signing in with the admin token creates a session: a random id for an
// HttpOnly cookie and a random CSRF token the page sends back in a header on
// every change. The store keeps only a hash of each id. Thread-safe.

#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "security/crypto.h"

namespace gateos::kernel::core::ui {

struct AdminSessionOptions {
  std::chrono::seconds idleTimeout{std::chrono::hours(2)};   // unused this long: gone
  std::chrono::seconds lifetime{std::chrono::hours(12)};     // at most this long after sign-in
  std::size_t maxSessions = 256;                             // the oldest goes when a new one would exceed it
};

class AdminSessions {
 public:
  using Clock = std::chrono::steady_clock;
  using Now = std::function<Clock::time_point()>;

  explicit AdminSessions(AdminSessionOptions options = {}, Now now = [] { return Clock::now(); });

  struct Created {
    std::string id;    // the cookie value; never stored
    std::string csrf;  // echoed by the page in x-csrf-token
  };
  Created create();

  // The CSRF token of a live session (and marks it used), nullopt when unknown or expired.
  std::optional<std::string> touch(std::string_view id);

  // Ends a session; false when it did not exist.
  bool destroy(std::string_view id);

  std::size_t size();
  const AdminSessionOptions& options() const noexcept { return options_; }

 private:
  struct Session {
    std::string csrf;
    Clock::time_point created;
    Clock::time_point lastUsed;
  };
  bool expired(const Session& s, Clock::time_point now) const;
  void pruneLocked(Clock::time_point now);

  const AdminSessionOptions options_;
  Now now_;
  std::mutex mutex_;
  std::map<security::Hash256, Session> sessions_;  // guarded by mutex_
};

}  // namespace gateos::kernel::core::ui

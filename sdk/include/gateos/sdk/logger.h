#pragma once
// Plugin-scoped logger. Messages are prefixed with the plugin id by the kernel.
// Never log prompt text or secrets at info level or above. Thread-safe.

#include <fmt/format.h>

#include <string_view>

namespace gateos::sdk {

enum class LogLevel { kTrace, kDebug, kInfo, kWarn, kError };

class Logger {
 public:
  virtual ~Logger() = default;
  virtual bool enabled(LogLevel level) const noexcept = 0;
  virtual void log(LogLevel level, std::string_view message) noexcept = 0;

  template <class... A>
  void debug(fmt::format_string<A...> f, A&&... a) { write(LogLevel::kDebug, f, std::forward<A>(a)...); }
  template <class... A>
  void info(fmt::format_string<A...> f, A&&... a) { write(LogLevel::kInfo, f, std::forward<A>(a)...); }
  template <class... A>
  void warn(fmt::format_string<A...> f, A&&... a) { write(LogLevel::kWarn, f, std::forward<A>(a)...); }
  template <class... A>
  void error(fmt::format_string<A...> f, A&&... a) { write(LogLevel::kError, f, std::forward<A>(a)...); }

 private:
  template <class... A>
  void write(LogLevel level, fmt::format_string<A...> f, A&&... a) {
    if (!enabled(level)) return;
    try {
      log(level, fmt::format(f, std::forward<A>(a)...));
    } catch (...) {  // formatting must never take a request down
    }
  }
};

}  // namespace gateos::sdk

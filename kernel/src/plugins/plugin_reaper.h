#pragma once
// Where released plugin generations die. The last reference to a LoadedPlugin
// is usually dropped by a request finishing on an event loop, but destroying
// one calls the plugin's stop(), runs its destructors and unmaps its library —
// possibly slow, and never allowed on an event loop. So PluginManager hands
// its plugins out with a deleter that only queues them here (a mutex, a
// push_back, a notify), and this object's own control thread destroys them.
//
// After shutdown(), retire() destroys inline (the kernel is stopping; no event
// loop runs any more).

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "plugins/loaded_plugin.h"

namespace gateos::kernel::plugins {

class PluginReaper {
 public:
  PluginReaper();
  PluginReaper(const PluginReaper&) = delete;
  PluginReaper& operator=(const PluginReaper&) = delete;
  ~PluginReaper();  // shutdown()

  // Takes ownership. Thread-safe, never blocks on plugin code. noexcept: if the
  // queue cannot grow, the plugin is destroyed inline instead.
  void retire(LoadedPlugin* plugin) noexcept;

  // Blocks until every plugin retired so far is destroyed.
  void drain();

  // Destroys what is queued and stops the thread. Idempotent.
  void shutdown();

  // Plugins destroyed so far (for tests and the admin API).
  std::size_t destroyedCount() const;

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<LoadedPlugin*> queue_;
  std::size_t busy_ = 0;
  std::size_t destroyed_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace gateos::kernel::plugins

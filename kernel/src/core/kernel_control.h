#pragma once
// Control-plane operations behind the admin API (and the CLI when a kernel is
// running). Every method may block on the database: call them on the worker
// pool, never on an event loop. Each change is a transaction that either
// applies fully and takes effect on the next request, or leaves state as it was.

#include <functional>
#include <string>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::core {

class KernelControl {
 public:
  virtual ~KernelControl() = default;

  virtual sdk::Json status() = 0;

  virtual sdk::Json listProviders() = 0;
  virtual sdk::Result<sdk::Json> getProvider(const std::string& name) = 0;
  // body: {"name","driver","options","api_key"?}; create=true refuses an existing name.
  virtual sdk::Result<sdk::Json> putProvider(const std::string& name, const sdk::Json& body, bool create) = 0;
  virtual sdk::Status deleteProvider(const std::string& name) = 0;
  // Discovers models through the driver; `done` may run on any thread.
  virtual void testProvider(const std::string& name, std::function<void(sdk::Result<sdk::Json>)> done) = 0;

  virtual sdk::Json listKeys() = 0;
  virtual sdk::Result<sdk::Json> createKey(const std::string& name, const std::string& workspace) = 0;
  virtual sdk::Status revokeKey(const std::string& id) = 0;

  virtual sdk::Json listPlugins() = 0;

  virtual sdk::Json listAliases() = 0;
  virtual sdk::Status putAlias(const std::string& alias, const std::string& target) = 0;
  virtual sdk::Status deleteAlias(const std::string& alias) = 0;
};

}  // namespace gateos::kernel::core

#pragma once
// Installed plugins' state: version, enabled flag and validated configuration.
// Blocking: control/worker threads only.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::storage {

class Database;

struct PluginStateRecord {
  std::string id;  // "drivers.openai"
  std::string version;
  bool enabled = false;
  sdk::Json config = sdk::Json::object();
  std::int64_t updatedAt = 0;  // ms since epoch; set by the store
};

class PluginStateStore {
 public:
  explicit PluginStateStore(Database& db) : db_(db) {}

  sdk::Result<std::vector<PluginStateRecord>> list();  // ordered by id
  sdk::Result<std::optional<PluginStateRecord>> get(std::string_view id);
  sdk::Status upsert(const PluginStateRecord& record);  // updatedAt is ignored and set to now
  sdk::Status remove(std::string_view id);              // kNotFound when absent

 private:
  Database& db_;
};

}  // namespace gateos::kernel::storage

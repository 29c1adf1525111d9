#pragma once
// Kernel settings as string key/value pairs (e.g. "admin.token_hash").
// Blocking: control/worker threads only.

#include <optional>
#include <string>
#include <string_view>

#include "gateos/sdk/status.h"

namespace gateos::kernel::storage {

class Database;

class SettingsStore {
 public:
  explicit SettingsStore(Database& db) : db_(db) {}

  sdk::Result<std::optional<std::string>> get(std::string_view key);
  sdk::Status set(std::string_view key, std::string_view value);  // insert or replace
  sdk::Status erase(std::string_view key);                         // succeeds when absent

 private:
  Database& db_;
};

}  // namespace gateos::kernel::storage

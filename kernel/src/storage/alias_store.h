#pragma once
// Model aliases: a client-facing model name mapped to a target ("fast" -> "openai/gpt-4o-mini").
// Blocking: control/worker threads only.

#include <string>
#include <string_view>
#include <utility>
#include <optional>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::kernel::storage {

class Database;

struct AliasRecord {
  std::string alias;
  std::string target;
};

class AliasStore {
 public:
  explicit AliasStore(Database& db) : db_(db) {}

  sdk::Result<std::vector<AliasRecord>> list();  // ordered by alias
  sdk::Result<std::optional<std::string>> get(std::string_view alias);
  sdk::Status set(std::string_view alias, std::string_view target);  // insert or replace
  sdk::Status remove(std::string_view alias);                         // kNotFound when absent

 private:
  Database& db_;
};

}  // namespace gateos::kernel::storage

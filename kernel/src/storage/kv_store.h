#pragma once
// sdk::KeyValueStore over the kv table, confined to one namespace (the plugin id
// the Host gives it). Keys compare bytewise. Thread-safe; blocking: call it from
// configure()/start() or Host::runBlocking, never on an event loop.

#include <string>
#include <string_view>

#include "gateos/sdk/services.h"

namespace gateos::kernel::storage {

class Database;

class KvStore : public sdk::KeyValueStore {
 public:
  KvStore(Database& db, std::string ns) : db_(db), ns_(std::move(ns)) {}

  sdk::Result<std::optional<std::string>> get(std::string_view key) override;
  sdk::Status put(std::string_view key, std::string_view value) override;
  // Erasing a missing key succeeds.
  sdk::Status erase(std::string_view key) override;
  // Keys starting with prefix, ascending.
  sdk::Result<std::vector<std::string>> keys(std::string_view prefix) override;

  const std::string& ns() const noexcept { return ns_; }

 private:
  Database& db_;
  std::string ns_;
};

}  // namespace gateos::kernel::storage

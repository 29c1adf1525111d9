#pragma once
// Configured model providers (one row per provider instance). The credential is
// stored sealed by security::SecretVault; this store never sees plaintext.
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

struct ProviderRecord {
  std::string name;                              // e.g. "openai", "local-vllm"
  std::string driver;                            // plugin id, e.g. "drivers.openai"
  sdk::Json optionsJson = sdk::Json::object();   // driver configuration without the credential
  std::optional<std::string> credentialSealed;   // SecretVault::seal() output
  std::int64_t createdAt = 0;                    // ms since epoch; set by the store
  std::int64_t updatedAt = 0;                    // ms since epoch; set by the store
};

class ProviderStore {
 public:
  explicit ProviderStore(Database& db) : db_(db) {}

  sdk::Result<std::vector<ProviderRecord>> list();  // ordered by name
  sdk::Result<std::optional<ProviderRecord>> get(std::string_view name);
  // Inserts or replaces by name; keeps created_at of an existing row. The
  // timestamps in record are ignored.
  sdk::Status upsert(const ProviderRecord& record);
  // kNotFound when no such provider.
  sdk::Status remove(std::string_view name);

 private:
  Database& db_;
};

}  // namespace gateos::kernel::storage

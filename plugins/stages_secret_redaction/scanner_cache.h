#pragma once
// Compiling the Hyperscan database for ~220 detectors takes about a second, so
// compiled databases are cached twice: in memory (shared by every profile and
// plugin generation in this process with the same expressions) and on disk
// (serialized into the plugin's data directory, keyed by a BLAKE2b hash of the
// Hyperscan version and the expressions), so a restart loads in milliseconds.

#include <hs/hs.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::plugins::stages::secret_redaction {

class HsDatabase {
 public:
  explicit HsDatabase(hs_database_t* db) noexcept : db_(db) {}
  ~HsDatabase() { hs_free_database(db_); }
  HsDatabase(const HsDatabase&) = delete;
  HsDatabase& operator=(const HsDatabase&) = delete;
  const hs_database_t* get() const noexcept { return db_; }

 private:
  hs_database_t* db_;
};

struct HsExpression {
  std::string expression;
  unsigned flags = 0;
  unsigned id = 0;
};

// Compiles (or loads from a cache) a block-mode database. `cacheDir` may be
// empty (no disk cache). Errors name the failing expression's id.
sdk::Result<std::shared_ptr<const HsDatabase>> compileDatabase(const std::vector<HsExpression>& expressions,
                                                               const std::filesystem::path& cacheDir);

}  // namespace gateos::plugins::stages::secret_redaction

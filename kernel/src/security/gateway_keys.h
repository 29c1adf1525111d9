#pragma once
// Gateway keys: the credentials clients present ("gsk_…"). Only a BLAKE2b-256 hash
// of each key is stored; the key itself is shown once, by create().
//
// verify() is on every request's hot path, on event-loop threads. It hashes the
// presented key and looks the hash up in an immutable in-memory map. Writers
// (create/revoke/reload) build a new map and publish it; readers never wait for a
// writer for longer than a pointer swap and, between changes, touch no shared memory
// except one atomic load (each thread caches the current map). Lookups compare hashes, never key bytes, so
// timing reveals nothing about the stored keys.
//
// last_used_at is not written by verify(): it records the time in memory (a relaxed
// atomic, at most once a second per key) and flushLastUsed() persists it; call that
// periodically from a worker. create/revoke/list flush first.

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::kernel::storage {
class Database;
}

namespace gateos::kernel::security {

struct KeyInfo {
  std::string id;  // "key_" + 12 hex
  std::string name;
  std::string workspace;
};

struct CreatedKey {
  std::string id;
  std::string key;  // "gsk_" + 43 chars; show once, it cannot be recovered
};

struct GatewayKeyRecord {
  std::string id;
  std::string name;
  std::string prefix;  // first 8 characters of the key, for display
  std::string workspace;
  std::int64_t createdAt = 0;  // ms since epoch
  std::optional<std::int64_t> revokedAt;
  std::optional<std::int64_t> lastUsedAt;
};

class GatewayKeys {
 public:
  static constexpr std::string_view kKeyPrefix = "gsk_";

  // db must outlive this object. Starts empty: call reload() at startup.
  explicit GatewayKeys(storage::Database& db);
  ~GatewayKeys();
  GatewayKeys(const GatewayKeys&) = delete;
  GatewayKeys& operator=(const GatewayKeys&) = delete;

  // Loads every unrevoked key from the database and publishes the map. Blocking.
  sdk::Status reload();
  // Makes a new key. name must not be empty. Blocking.
  sdk::Result<CreatedKey> create(std::string_view name, std::string_view workspace = "default");
  // All keys, revoked ones included, oldest first; never the key or its hash. Blocking.
  sdk::Result<std::vector<GatewayKeyRecord>> list();
  // Revokes at once (verify fails from the moment this returns). Revoking a revoked
  // key succeeds; an unknown id is kNotFound. Blocking.
  sdk::Status revoke(std::string_view id);
  // Persists last-used times recorded by verify(). Blocking.
  sdk::Status flushLastUsed();

  // Hot path: who owns presentedKey, or nullopt. Any thread; never blocks, never throws.
  std::optional<KeyInfo> verify(std::string_view presentedKey) const noexcept;

  // Number of active (unrevoked) keys in the published map.
  std::size_t activeCount() const noexcept;

 private:
  struct Entry {
    explicit Entry(KeyInfo i) : info(std::move(i)) {}
    KeyInfo info;
    mutable std::atomic<std::int64_t> lastUsedMs{0};
    mutable std::atomic<std::int64_t> persistedMs{0};
  };
  // The keys are already uniformly random hashes: use their first bytes as the hash.
  struct HashOfHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view h) const noexcept;
  };
  using Map = std::unordered_map<std::string, Entry, HashOfHash, std::equal_to<>>;

  const Map& snapshot() const noexcept;  // valid until this thread's next snapshot()
  std::shared_ptr<const Map> published() const;
  sdk::Status reloadLocked();
  sdk::Status flushLastUsedLocked();

  storage::Database& db_;
  const std::uint64_t instanceId_;
  std::atomic<std::uint64_t> generation_{1};
  // The published map. Readers take publishMutex_ only when generation_ moved (once
  // per thread per change); the writer holds it just to swap the pointer.
  mutable std::mutex publishMutex_;
  std::shared_ptr<const Map> map_;
  std::mutex writeMutex_;  // serialises reload/create/revoke/flushLastUsed
};

}  // namespace gateos::kernel::security

#include "security/gateway_keys.h"

#include <time.h>

#include <cstring>
#include <functional>

#include "security/crypto.h"
#include "storage/database.h"

namespace gateos::kernel::security {
namespace {

std::atomic<std::uint64_t> nextInstanceId{1};

// Last-used stamps need only second precision; the coarse clock costs a few ns.
std::int64_t coarseNowMs() noexcept {
  timespec ts{};
  ::clock_gettime(CLOCK_REALTIME_COARSE, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

std::string_view asView(const Hash256& h) { return {reinterpret_cast<const char*>(h.data()), h.size()}; }

}  // namespace

std::size_t GatewayKeys::HashOfHash::operator()(std::string_view h) const noexcept {
  if (h.size() < sizeof(std::size_t)) return std::hash<std::string_view>{}(h);
  std::size_t v;
  std::memcpy(&v, h.data(), sizeof v);
  return v;
}

GatewayKeys::GatewayKeys(storage::Database& db)
    : db_(db), instanceId_(nextInstanceId.fetch_add(1)), map_(std::make_shared<const Map>()) {}

GatewayKeys::~GatewayKeys() = default;

const GatewayKeys::Map& GatewayKeys::snapshot() const noexcept {
  // Each thread keeps the map it last saw; it reloads only when the generation moved,
  // so the common case is one atomic load and no reference-count traffic.
  struct Cache {
    std::uint64_t instance = 0;
    std::uint64_t generation = 0;
    std::shared_ptr<const Map> map;
  };
  thread_local Cache cache;
  const std::uint64_t generation = generation_.load(std::memory_order_acquire);
  if (cache.instance != instanceId_ || cache.generation != generation) {
    cache.map = published();
    cache.instance = instanceId_;
    cache.generation = generation;
  }
  return *cache.map;
}

std::shared_ptr<const GatewayKeys::Map> GatewayKeys::published() const {
  std::lock_guard lock(publishMutex_);
  return map_;
}

std::optional<KeyInfo> GatewayKeys::verify(std::string_view presentedKey) const noexcept {
  if (!hasTokenShape(presentedKey, kKeyPrefix)) return std::nullopt;
  const Hash256 hash = hashToken(presentedKey);
  const Map& map = snapshot();
  const auto it = map.find(asView(hash));
  if (it == map.end()) return std::nullopt;
  const std::int64_t now = coarseNowMs();
  if (now - it->second.lastUsedMs.load(std::memory_order_relaxed) >= 1000) {
    it->second.lastUsedMs.store(now, std::memory_order_relaxed);
  }
  try {
    return it->second.info;
  } catch (...) {  // out of memory: deny rather than throw
    return std::nullopt;
  }
}

std::size_t GatewayKeys::activeCount() const noexcept { return snapshot().size(); }

sdk::Status GatewayKeys::reload() {
  std::lock_guard lock(writeMutex_);
  return reloadLocked();
}

sdk::Status GatewayKeys::reloadLocked() {
  if (auto s = initSodium(); !s) return s;
  // Keep last-used times seen by the old map.
  if (auto s = flushLastUsedLocked(); !s) return s.prefixed("reload keys");
  auto map = std::make_shared<Map>();
  auto stmt = db_.prepare("SELECT hash, id, name, workspace FROM gateway_keys WHERE revoked_at IS NULL");
  if (!stmt) return stmt.status().prefixed("reload keys");
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.status().prefixed("reload keys");
    if (!row.value()) break;
    map->try_emplace(stmt->columnBlob(0), KeyInfo{stmt->columnText(1), stmt->columnText(2), stmt->columnText(3)});
  }
  {
    std::lock_guard lock(publishMutex_);
    map_ = std::move(map);
  }
  generation_.fetch_add(1, std::memory_order_acq_rel);
  return {};
}

sdk::Result<CreatedKey> GatewayKeys::create(std::string_view name, std::string_view workspace) {
  const std::string context = "create key " + std::string(name);
  if (name.empty()) return sdk::Status(sdk::StatusCode::kInvalidArgument, "create key: name must not be empty");
  if (workspace.empty()) return sdk::Status(sdk::StatusCode::kInvalidArgument, context + ": workspace must not be empty");
  if (auto s = initSodium(); !s) return s.prefixed(context);
  std::lock_guard lock(writeMutex_);
  CreatedKey created{"key_" + randomHex(6), randomToken(kKeyPrefix)};
  const Hash256 hash = hashToken(created.key);
  {
    auto stmt = db_.prepare(
        "INSERT INTO gateway_keys (id, name, prefix, hash, workspace, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    if (!stmt) return stmt.status().prefixed(context);
    stmt->bindText(1, created.id)
        .bindText(2, name)
        .bindText(3, std::string_view(created.key).substr(0, 8))
        .bindBlob(4, asView(hash))
        .bindText(5, workspace)
        .bindInt(6, storage::Database::nowMs());
    if (auto s = stmt->run(); !s) return s.prefixed(context);
  }
  if (auto s = reloadLocked(); !s) return s.prefixed(context);
  return created;
}

sdk::Status GatewayKeys::revoke(std::string_view id) {
  const std::string context = "revoke key " + std::string(id);
  std::lock_guard lock(writeMutex_);
  auto stmt = db_.prepare("UPDATE gateway_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindInt(1, storage::Database::nowMs()).bindText(2, id).run(); !s) return s.prefixed(context);
  if (stmt->changes() == 0) {
    auto exists = db_.prepare("SELECT 1 FROM gateway_keys WHERE id = ?");
    if (!exists) return exists.status().prefixed(context);
    auto row = exists->bindText(1, id).step();
    if (!row) return row.status().prefixed(context);
    if (!row.value()) return sdk::Status(sdk::StatusCode::kNotFound, context + ": no such key");
    return {};  // already revoked
  }
  if (auto s = reloadLocked(); !s) return s.prefixed(context);
  return {};
}

sdk::Status GatewayKeys::flushLastUsed() {
  std::lock_guard lock(writeMutex_);
  return flushLastUsedLocked();
}

sdk::Status GatewayKeys::flushLastUsedLocked() {
  const std::shared_ptr<const Map> map = published();
  std::vector<std::pair<const Entry*, std::int64_t>> dirty;
  for (const auto& [hash, entry] : *map) {
    const std::int64_t used = entry.lastUsedMs.load(std::memory_order_relaxed);
    if (used > entry.persistedMs.load(std::memory_order_relaxed)) dirty.emplace_back(&entry, used);
  }
  if (dirty.empty()) return {};
  auto s = db_.transaction([&]() -> sdk::Status {
    auto stmt = db_.prepare("UPDATE gateway_keys SET last_used_at = MAX(COALESCE(last_used_at, 0), ?) WHERE id = ?");
    if (!stmt) return stmt.status();
    for (const auto& [entry, used] : dirty) {
      stmt->reset();
      if (auto e = stmt->bindInt(1, used).bindText(2, entry->info.id).run(); !e) return e;
    }
    return {};
  });
  if (!s) return s.prefixed("record key use");
  for (const auto& [entry, used] : dirty) entry->persistedMs.store(used, std::memory_order_relaxed);
  return {};
}

sdk::Result<std::vector<GatewayKeyRecord>> GatewayKeys::list() {
  if (auto s = flushLastUsed(); !s) return s.prefixed("list keys");
  auto stmt = db_.prepare(
      "SELECT id, name, prefix, workspace, created_at, revoked_at, last_used_at FROM gateway_keys "
      "ORDER BY created_at, id");
  if (!stmt) return stmt.status().prefixed("list keys");
  std::vector<GatewayKeyRecord> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.status().prefixed("list keys");
    if (!row.value()) break;
    out.push_back({stmt->columnText(0), stmt->columnText(1), stmt->columnText(2), stmt->columnText(3),
                   stmt->columnInt(4), stmt->columnOptionalInt(5), stmt->columnOptionalInt(6)});
  }
  return out;
}

}  // namespace gateos::kernel::security

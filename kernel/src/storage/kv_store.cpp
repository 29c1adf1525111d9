#include "storage/kv_store.h"

#include "storage/database.h"

namespace gateos::kernel::storage {
namespace {

// The smallest string greater than every string starting with prefix, or nullopt
// when there is none (prefix empty or all 0xff), so that a prefix scan is a range
// scan on the primary key instead of a LIKE (which would treat % and _ specially).
std::optional<std::string> prefixUpperBound(std::string_view prefix) {
  std::string upper(prefix);
  while (!upper.empty()) {
    auto& last = reinterpret_cast<unsigned char&>(upper.back());
    if (last != 0xff) {
      ++last;
      return upper;
    }
    upper.pop_back();
  }
  return std::nullopt;
}

}  // namespace

sdk::Result<std::optional<std::string>> KvStore::get(std::string_view key) {
  const std::string context = "kv " + ns_ + ": get";
  auto stmt = db_.prepare("SELECT value FROM kv WHERE namespace = ? AND key = ?");
  if (!stmt) return stmt.status().prefixed(context);
  auto row = stmt->bindText(1, ns_).bindText(2, key).step();
  if (!row) return row.status().prefixed(context);
  if (!row.value()) return std::optional<std::string>();
  return std::optional<std::string>(stmt->columnBlob(0));
}

sdk::Status KvStore::put(std::string_view key, std::string_view value) {
  const std::string context = "kv " + ns_ + ": put";
  auto stmt = db_.prepare(
      "INSERT INTO kv (namespace, key, value) VALUES (?, ?, ?) "
      "ON CONFLICT (namespace, key) DO UPDATE SET value = excluded.value");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, ns_).bindText(2, key).bindBlob(3, value).run(); !s) return s.prefixed(context);
  return {};
}

sdk::Status KvStore::erase(std::string_view key) {
  const std::string context = "kv " + ns_ + ": erase";
  auto stmt = db_.prepare("DELETE FROM kv WHERE namespace = ? AND key = ?");
  if (!stmt) return stmt.status().prefixed(context);
  if (auto s = stmt->bindText(1, ns_).bindText(2, key).run(); !s) return s.prefixed(context);
  return {};
}

sdk::Result<std::vector<std::string>> KvStore::keys(std::string_view prefix) {
  const std::string context = "kv " + ns_ + ": keys";
  const auto upper = prefixUpperBound(prefix);
  auto stmt = db_.prepare(upper ? "SELECT key FROM kv WHERE namespace = ? AND key >= ? AND key < ? ORDER BY key"
                                : "SELECT key FROM kv WHERE namespace = ? AND key >= ? ORDER BY key");
  if (!stmt) return stmt.status().prefixed(context);
  stmt->bindText(1, ns_).bindText(2, prefix);
  if (upper) stmt->bindText(3, *upper);
  std::vector<std::string> out;
  for (;;) {
    auto row = stmt->step();
    if (!row) return row.status().prefixed(context);
    if (!row.value()) break;
    out.push_back(stmt->columnText(0));
  }
  return out;
}

}  // namespace gateos::kernel::storage

#include "registry/trust_store.h"

#include <algorithm>
#include <chrono>
#include <ctime>

#include "gateos/sdk/json.h"
#include "registry/file_util.h"
#include "registry/publisher_key.h"

namespace gateos::registry {
namespace {

using sdk::Json;
constexpr std::uint64_t kMaxTrustFileBytes = 4 * 1024 * 1024;

std::string utcNow() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

TrustStore::TrustStore(std::filesystem::path file) : file_(std::move(file)) {}

sdk::Status TrustStore::load() {
  auto text = readFileCapped(file_, kMaxTrustFileBytes);
  std::vector<TrustedKey> keys;
  if (!text && text.status().code() != sdk::StatusCode::kNotFound) return text.status();
  if (text) {
    auto fail = [&](const std::string& why) {
      return sdk::Status(sdk::StatusCode::kInvalidArgument, "trust store " + file_.string() + ": " + why);
    };
    Json json = Json::parse(text.value(), nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_array()) return fail("expected a JSON array of keys");
    for (std::size_t i = 0; i < json.size(); ++i) {
      const auto& item = json[i];
      const std::string where = "[" + std::to_string(i) + "]";
      if (!item.is_object() || !item.contains("public_key") || !item["public_key"].is_string())
        return fail(where + ": expected {id, public_key, name, added_at}");
      TrustedKey key;
      key.publicKey = item["public_key"].get<std::string>();
      auto id = keyIdOfBase64(key.publicKey);
      if (!id) return fail(where + ": " + id.status().message());
      // The id is derived, never trusted from the file: a record cannot claim another key's id.
      if (item.value("id", id.value()) != id.value()) return fail(where + ": id does not match public_key");
      key.id = id.value();
      key.name = item.value("name", "");
      key.addedAt = item.value("added_at", "");
      keys.push_back(std::move(key));
    }
  }
  std::lock_guard lock(mutex_);
  keys_ = std::move(keys);
  return {};
}

sdk::Result<TrustedKey> TrustStore::add(const std::string& publicKeyBase64, const std::string& name) {
  auto id = keyIdOfBase64(publicKeyBase64);
  if (!id) return id.status();
  std::lock_guard lock(mutex_);
  for (const auto& k : keys_)
    if (k.id == id.value()) return k;
  auto keys = keys_;
  keys.push_back({id.value(), publicKeyBase64, name, utcNow()});
  if (auto s = saveLocked(keys); !s) return s;
  keys_ = std::move(keys);
  return keys_.back();
}

sdk::Status TrustStore::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto keys = keys_;
  auto removed = std::erase_if(keys, [&](const TrustedKey& k) { return k.id == id; });
  if (removed == 0) return sdk::Status(sdk::StatusCode::kNotFound, "no trusted publisher key " + id);
  if (auto s = saveLocked(keys); !s) return s;
  keys_ = std::move(keys);
  return {};
}

std::vector<TrustedKey> TrustStore::list() const {
  std::lock_guard lock(mutex_);
  return keys_;
}

std::optional<TrustedKey> TrustStore::find(const std::string& id) const {
  std::lock_guard lock(mutex_);
  auto it = std::find_if(keys_.begin(), keys_.end(), [&](const TrustedKey& k) { return k.id == id; });
  if (it == keys_.end()) return std::nullopt;
  return *it;
}

sdk::Status TrustStore::saveLocked(const std::vector<TrustedKey>& keys) const {
  Json out = Json::array();
  for (const auto& k : keys)
    out.push_back({{"id", k.id}, {"public_key", k.publicKey}, {"name", k.name}, {"added_at", k.addedAt}});
  return writeFileAtomic(file_, out.dump(2) + "\n", 0644);
}

}  // namespace gateos::registry

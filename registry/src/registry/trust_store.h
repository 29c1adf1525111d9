#pragma once
// The publisher keys this installation trusts: a JSON file in the data
// directory (e.g. <data>/trusted_publishers.json):
//   [{"id": "...", "public_key": "<base64>", "name": "...", "added_at": "2024-05-01T12:00:00Z"}]
// Every change rewrites the file atomically. Thread-safe.

#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::registry {

struct TrustedKey {
  std::string id;         // key id, 16 hex characters
  std::string publicKey;  // base64
  std::string name;
  std::string addedAt;    // UTC, ISO 8601
};

class TrustStore {
 public:
  // A store backed by `file`; nothing is read until load().
  explicit TrustStore(std::filesystem::path file);

  // (Re)reads the file; a missing file is an empty store.
  sdk::Status load();

  // Adds a key (its id is derived from the key). Adding a key already present
  // keeps the existing record and returns it.
  sdk::Result<TrustedKey> add(const std::string& publicKeyBase64, const std::string& name);
  // kNotFound when no key has this id.
  sdk::Status remove(const std::string& id);

  std::vector<TrustedKey> list() const;
  std::optional<TrustedKey> find(const std::string& id) const;
  const std::filesystem::path& file() const noexcept { return file_; }

 private:
  sdk::Status saveLocked(const std::vector<TrustedKey>& keys) const;

  std::filesystem::path file_;
  mutable std::mutex mutex_;
  std::vector<TrustedKey> keys_;
};

}  // namespace gateos::registry

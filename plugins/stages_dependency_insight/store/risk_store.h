#pragma once
// The package-risk store, memory-mapped read-only from a risk.store file
// (store_format.h). Opening checks the header and the section bounds only, so
// it takes microseconds whatever the size; pages are read by the kernel on
// first use. A lookup is one FNV hash and a short linear probe: O(1).
//
// Immutable once opened: shared by every request through shared_ptr, safe
// from any thread. A replaced file (an import renames a new one into place)
// does not disturb an open store: the mapping keeps the old inode.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ecosystem.h"
#include "gateos/sdk/status.h"
#include "store/risk_record.h"

namespace gateos::plugins::stages::dependency_insight {

// One store entry that applies to a mention. Views point into the mapping:
// valid while the store lives.
struct RiskHit {
  RiskKind kind = RiskKind::kMalicious;
  std::string_view id;
  std::string_view summary;
  std::string_view replacement;
  std::string_view link;
  std::string_view fixed;  // vulnerable: first fixed version of the matching range
  // Malicious records that list versions (a legitimate package with some
  // compromised releases) and a mention without a version: only those
  // releases are malicious; `listedVersions` names them.
  bool onlyListedVersions = false;
  std::string listedVersions;
};

class RiskStore {
 public:
  static sdk::Result<std::shared_ptr<const RiskStore>> open(const std::filesystem::path& file);
  ~RiskStore();
  RiskStore(const RiskStore&) = delete;
  RiskStore& operator=(const RiskStore&) = delete;

  // Entries that apply to `name` (any spelling; normalised here) at `version`
  // (empty when the mention has none). Rules, per kind:
  //   malicious    all versions, or the mentioned version is listed; with no
  //                version mentioned, a version list gives an onlyListedVersions hit
  //   vulnerable   only with a concrete version inside a range or the list
  //   deprecated, archived, replaceable   any mention (versions respected when given)
  void check(Ecosystem ecosystem, std::string_view name, std::string_view version, std::vector<RiskHit>& out) const;

  // True when the store knows the package at all (any entry).
  bool contains(Ecosystem ecosystem, std::string_view normalizedName) const noexcept;

  std::size_t packageCount() const noexcept;
  std::size_t entryCount() const noexcept;
  std::size_t byteSize() const noexcept { return size_; }

  // Every entry back as a record (for imports that extend a store).
  void forEachRecord(const std::function<void(RiskRecord&&)>& fn) const;

 private:
  RiskStore() = default;
  std::string_view string(std::uint32_t ref) const noexcept;
  // Package index, or -1.
  long findPackage(std::uint8_t ecosystem, std::string_view normalizedName) const noexcept;

  const unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace gateos::plugins::stages::dependency_insight

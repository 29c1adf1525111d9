#include "store/risk_store.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "store/store_format.h"
#include "version_order.h"

namespace gateos::plugins::stages::dependency_insight {

using sdk::Status;
using sdk::StatusCode;

namespace {

const format::FileHeader& header(const unsigned char* data) { return *reinterpret_cast<const format::FileHeader*>(data); }

template <typename T>
const T* rows(const unsigned char* data, std::uint64_t offset) {
  return reinterpret_cast<const T*>(data + offset);
}

bool sectionFits(std::uint64_t offset, std::uint64_t count, std::uint64_t rowSize, std::uint64_t fileSize) {
  return offset % 4 == 0 && offset <= fileSize && count <= (fileSize - offset) / rowSize;
}

}  // namespace

RiskStore::~RiskStore() {
  if (data_) ::munmap(const_cast<unsigned char*>(data_), size_);
}

sdk::Result<std::shared_ptr<const RiskStore>> RiskStore::open(const std::filesystem::path& file) {
  const std::string where = "open " + file.string();
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status(StatusCode::kNotFound, where + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(sizeof(format::FileHeader))) {
    ::close(fd);
    return Status(StatusCode::kInvalidArgument, where + ": not a risk store (too small)");
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  void* mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (mapped == MAP_FAILED) return Status(StatusCode::kInternal, where + ": mmap: " + std::strerror(errno));
  std::shared_ptr<RiskStore> store(new RiskStore());
  store->data_ = static_cast<const unsigned char*>(mapped);
  store->size_ = size;

  const auto& h = header(store->data_);
  if (std::memcmp(h.magic, format::kMagic, sizeof h.magic) != 0)
    return Status(StatusCode::kInvalidArgument, where + ": not a risk store (bad magic)");
  if (h.formatVersion != format::kFormatVersion)
    return Status(StatusCode::kInvalidArgument,
                  where + ": unsupported format version " + std::to_string(h.formatVersion));
  const bool ok = h.fileSize == size && h.bucketCount != 0 && (h.bucketCount & (h.bucketCount - 1)) == 0 &&
                  h.packageCount < h.bucketCount && sectionFits(h.bucketsOffset, h.bucketCount, 4, size) &&
                  sectionFits(h.packagesOffset, h.packageCount, sizeof(format::PackageRow), size) &&
                  sectionFits(h.entriesOffset, h.entryCount, sizeof(format::EntryRow), size) &&
                  sectionFits(h.rangesOffset, h.rangeCount, sizeof(format::RangeRow), size) &&
                  sectionFits(h.versionsOffset, h.versionRefCount, 4, size) && h.stringsOffset <= size &&
                  h.stringsSize == size - h.stringsOffset;
  if (!ok) return Status(StatusCode::kInvalidArgument, where + ": corrupt risk store (section bounds)");
  // Row references are checked here once, so lookups need not.
  const auto* packages = rows<format::PackageRow>(store->data_, h.packagesOffset);
  for (std::uint32_t i = 0; i < h.packageCount; ++i)
    if (std::uint64_t(packages[i].firstEntry) + packages[i].entryCount > h.entryCount || packages[i].ecosystem >= kEcosystemCount)
      return Status(StatusCode::kInvalidArgument, where + ": corrupt risk store (package rows)");
  const auto* entries = rows<format::EntryRow>(store->data_, h.entriesOffset);
  for (std::uint32_t i = 0; i < h.entryCount; ++i)
    if (std::uint64_t(entries[i].firstRange) + entries[i].rangeCount > h.rangeCount ||
        std::uint64_t(entries[i].firstVersion) + entries[i].versionCount > h.versionRefCount ||
        entries[i].kind >= kRiskKindCount)
      return Status(StatusCode::kInvalidArgument, where + ": corrupt risk store (entry rows)");
  const auto* buckets = rows<std::uint32_t>(store->data_, h.bucketsOffset);
  for (std::uint32_t i = 0; i < h.bucketCount; ++i)
    if (buckets[i] > h.packageCount) return Status(StatusCode::kInvalidArgument, where + ": corrupt risk store (buckets)");
  return std::shared_ptr<const RiskStore>(std::move(store));
}

std::size_t RiskStore::packageCount() const noexcept { return header(data_).packageCount; }
std::size_t RiskStore::entryCount() const noexcept { return header(data_).entryCount; }

std::string_view RiskStore::string(std::uint32_t ref) const noexcept {
  const auto& h = header(data_);
  if (ref == 0 || ref + 2ULL > h.stringsSize) return {};
  const unsigned char* p = data_ + h.stringsOffset + ref;
  const std::size_t n = p[0] | (std::size_t(p[1]) << 8);
  if (ref + 2ULL + n > h.stringsSize) return {};
  return {reinterpret_cast<const char*>(p + 2), n};
}

long RiskStore::findPackage(std::uint8_t ecosystem, std::string_view normalizedName) const noexcept {
  const auto& h = header(data_);
  const auto hash = static_cast<std::uint32_t>(format::packageHash(ecosystem, normalizedName));
  const auto* buckets = rows<std::uint32_t>(data_, h.bucketsOffset);
  const auto* packages = rows<format::PackageRow>(data_, h.packagesOffset);
  const std::uint32_t mask = h.bucketCount - 1;
  for (std::uint32_t b = hash & mask, probes = 0; probes < h.bucketCount; b = (b + 1) & mask, ++probes) {
    const std::uint32_t slot = buckets[b];
    if (slot == 0) return -1;
    const auto& p = packages[slot - 1];
    if (p.hash == hash && p.ecosystem == ecosystem && string(p.name) == normalizedName) return slot - 1;
  }
  return -1;
}

bool RiskStore::contains(Ecosystem ecosystem, std::string_view normalizedName) const noexcept {
  return findPackage(static_cast<std::uint8_t>(ecosystem), normalizedName) >= 0;
}

void RiskStore::check(Ecosystem ecosystem, std::string_view name, std::string_view version,
                      std::vector<RiskHit>& out) const {
  const std::string normalized = normalizeName(ecosystem, name);
  const long index = findPackage(static_cast<std::uint8_t>(ecosystem), normalized);
  if (index < 0) return;
  const auto& h = header(data_);
  const auto& p = rows<format::PackageRow>(data_, h.packagesOffset)[index];
  const auto* entries = rows<format::EntryRow>(data_, h.entriesOffset);
  const auto* ranges = rows<format::RangeRow>(data_, h.rangesOffset);
  const auto* versions = rows<std::uint32_t>(data_, h.versionsOffset);
  const bool concrete = !version.empty() && isConcreteVersion(version);
  const VersionProbe probe(schemeFor(ecosystem), version);

  for (std::uint32_t i = p.firstEntry; i < p.firstEntry + p.entryCount; ++i) {
    const auto& e = entries[i];
    RiskHit hit;
    hit.kind = static_cast<RiskKind>(e.kind);
    const bool all = (e.flags & format::kAllVersions) != 0;
    const bool constrained = e.versionCount > 0 || e.rangeCount > 0;
    bool matched = false;
    if (all || !constrained) {
      matched = hit.kind != RiskKind::kVulnerable || concrete;
    } else if (concrete) {
      // Ranges first: OSV lists (PyPA enumerates hundreds of affected versions)
      // mostly repeat them. A list is compared by spelling when ranges exist,
      // by version order only when it stands alone.
      for (std::uint32_t k = 0; k < e.rangeCount && !matched; ++k) {
        const auto& r = ranges[e.firstRange + k];
        if (probe.inRange(string(r.introduced), string(r.fixed), string(r.lastAffected))) {
          matched = true;
          hit.fixed = string(r.fixed);
        }
      }
      // An explicit list counts when it stands alone (OSV lists next to ranges,
      // like PyPA's hundreds of enumerated versions, repeat the ranges).
      for (std::uint32_t k = 0; k < e.versionCount && !matched && e.rangeCount == 0; ++k)
        matched = probe.compare(string(versions[e.firstVersion + k])) == 0;
    } else if (version.empty() && hit.kind != RiskKind::kVulnerable) {
      // No version named: tell which releases are affected, not that the package is.
      matched = true;
      hit.onlyListedVersions = e.versionCount > 0;
      for (std::uint32_t k = 0; k < e.versionCount && k < 8; ++k)
        hit.listedVersions += (k ? ", " : "") + std::string(string(versions[e.firstVersion + k]));
      if (e.versionCount > 8) hit.listedVersions += ", …";
    }
    if (!matched) continue;
    // Texts only for the entries that apply (most of an old pin's advisories do not).
    hit.id = string(e.id);
    hit.summary = string(e.summary);
    hit.replacement = string(e.replacement);
    hit.link = string(e.link);
    out.push_back(std::move(hit));
  }
}

void RiskStore::forEachRecord(const std::function<void(RiskRecord&&)>& fn) const {
  const auto& h = header(data_);
  const auto* packages = rows<format::PackageRow>(data_, h.packagesOffset);
  const auto* entries = rows<format::EntryRow>(data_, h.entriesOffset);
  const auto* ranges = rows<format::RangeRow>(data_, h.rangesOffset);
  const auto* versions = rows<std::uint32_t>(data_, h.versionsOffset);
  for (std::uint32_t i = 0; i < h.packageCount; ++i) {
    const auto& p = packages[i];
    for (std::uint32_t j = p.firstEntry; j < p.firstEntry + p.entryCount; ++j) {
      const auto& e = entries[j];
      RiskRecord r;
      r.ecosystem = static_cast<Ecosystem>(p.ecosystem);
      r.name = std::string(string(p.name));
      r.kind = static_cast<RiskKind>(e.kind);
      r.id = std::string(string(e.id));
      r.summary = std::string(string(e.summary));
      r.replacement = std::string(string(e.replacement));
      r.link = std::string(string(e.link));
      r.allVersions = (e.flags & format::kAllVersions) != 0;
      for (std::uint32_t k = 0; k < e.rangeCount; ++k) {
        const auto& rr = ranges[e.firstRange + k];
        r.ranges.push_back({std::string(string(rr.introduced)), std::string(string(rr.fixed)),
                            std::string(string(rr.lastAffected))});
      }
      for (std::uint32_t k = 0; k < e.versionCount; ++k) r.versions.emplace_back(string(versions[e.firstVersion + k]));
      fn(std::move(r));
    }
  }
}

}  // namespace gateos::plugins::stages::dependency_insight

#pragma once
// The on-disk layout of the package-risk store ("risk.store"), written by
// StoreWriter and memory-mapped by RiskStore. Little-endian, all rows 4-byte
// aligned, every reference an index or an offset checked against the file
// size when the file is opened. Documented in README.md ("Store format").
//
//   FileHeader
//   buckets     u32[bucketCount]   open addressing, linear probing; value is
//                                  package index + 1, 0 = empty; bucketCount a
//                                  power of two, at most half full
//   packages    PackageRow[]       one per (ecosystem, normalised name)
//   entries     EntryRow[]         a package's entries are contiguous
//   ranges      RangeRow[]
//   versions    u32[]              string refs of explicit version lists
//   strings     blob               at each ref: u16 length, then the bytes;
//                                  ref 0 is the empty string

#include <cstdint>
#include <string_view>

namespace gateos::plugins::stages::dependency_insight::format {

inline constexpr char kMagic[8] = {'G', 'O', 'S', 'R', 'I', 'S', 'K', '1'};
inline constexpr std::uint32_t kFormatVersion = 1;

struct FileHeader {
  char magic[8];
  std::uint32_t formatVersion;
  std::uint32_t packageCount;
  std::uint32_t bucketCount;
  std::uint32_t entryCount;
  std::uint32_t rangeCount;
  std::uint32_t versionRefCount;
  std::uint64_t bucketsOffset;
  std::uint64_t packagesOffset;
  std::uint64_t entriesOffset;
  std::uint64_t rangesOffset;
  std::uint64_t versionsOffset;
  std::uint64_t stringsOffset;
  std::uint64_t stringsSize;
  std::uint64_t fileSize;
};

struct PackageRow {
  std::uint32_t hash;  // low 32 bits of packageHash()
  std::uint32_t name;  // string ref (normalised name)
  std::uint32_t firstEntry;
  std::uint16_t entryCount;
  std::uint8_t ecosystem;
  std::uint8_t reserved;
};

enum EntryFlags : std::uint8_t { kAllVersions = 1 };

struct EntryRow {
  std::uint8_t kind;
  std::uint8_t flags;
  std::uint16_t rangeCount;
  std::uint32_t id;
  std::uint32_t summary;
  std::uint32_t replacement;
  std::uint32_t link;
  std::uint32_t firstRange;
  std::uint32_t firstVersion;
  std::uint32_t versionCount;
};

struct RangeRow {
  std::uint32_t introduced;
  std::uint32_t fixed;
  std::uint32_t lastAffected;
};

static_assert(sizeof(FileHeader) == 96);
static_assert(sizeof(PackageRow) == 16);
static_assert(sizeof(EntryRow) == 32);
static_assert(sizeof(RangeRow) == 12);

// FNV-1a over the ecosystem byte and the normalised name.
inline std::uint64_t packageHash(std::uint8_t ecosystem, std::string_view name) noexcept {
  std::uint64_t h = 1469598103934665603ULL;
  h = (h ^ ecosystem) * 1099511628211ULL;
  for (unsigned char c : name) h = (h ^ c) * 1099511628211ULL;
  return h;
}

}  // namespace gateos::plugins::stages::dependency_insight::format

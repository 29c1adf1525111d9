#include "store/store_writer.h"

#include <unistd.h>

#include <cstring>
#include <fstream>
#include <map>
#include <string>
#include <unordered_map>

#include "store/store_format.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

using sdk::Status;
using sdk::StatusCode;

class StringPool {
 public:
  StringPool() { blob_.assign(2, '\0'); }  // ref 0: the empty string
  std::uint32_t add(std::string_view s) {
    if (s.empty()) return 0;
    if (s.size() > 0xFFFF) s = s.substr(0, 0xFFFF);
    std::string key(s);
    if (auto it = refs_.find(key); it != refs_.end()) return it->second;
    const auto ref = static_cast<std::uint32_t>(blob_.size());
    const auto n = static_cast<std::uint16_t>(s.size());
    blob_.push_back(static_cast<char>(n & 0xFF));
    blob_.push_back(static_cast<char>(n >> 8));
    blob_.append(s);
    refs_.emplace(std::move(key), ref);
    return ref;
  }
  const std::string& blob() const { return blob_; }

 private:
  std::string blob_;
  std::unordered_map<std::string, std::uint32_t> refs_;
};

template <typename T>
void appendRows(std::string& out, const std::vector<T>& rows) {
  out.append(reinterpret_cast<const char*>(rows.data()), rows.size() * sizeof(T));
}

void pad(std::string& out) {
  while (out.size() % 8) out.push_back('\0');
}

}  // namespace

sdk::Result<StoreStats> writeStore(const std::vector<RiskRecord>& records, const std::filesystem::path& file) {
  // Group by package; within a package a later (kind, id) replaces an earlier one.
  using Key = std::pair<std::uint8_t, std::string>;
  std::map<Key, std::vector<const RiskRecord*>> packages;
  for (const auto& r : records) {
    auto& list = packages[{static_cast<std::uint8_t>(r.ecosystem), normalizeName(r.ecosystem, r.name)}];
    bool replaced = false;
    if (!r.id.empty())
      for (auto& existing : list)
        if (existing->kind == r.kind && existing->id == r.id) {
          existing = &r;
          replaced = true;
        }
    if (!replaced) list.push_back(&r);
  }

  StringPool strings;
  std::vector<format::PackageRow> packageRows;
  std::vector<format::EntryRow> entryRows;
  std::vector<format::RangeRow> rangeRows;
  std::vector<std::uint32_t> versionRefs;
  packageRows.reserve(packages.size());
  for (const auto& [key, list] : packages) {
    format::PackageRow p{};
    p.hash = static_cast<std::uint32_t>(format::packageHash(key.first, key.second));
    p.name = strings.add(key.second);
    p.firstEntry = static_cast<std::uint32_t>(entryRows.size());
    p.entryCount = static_cast<std::uint16_t>(std::min<std::size_t>(list.size(), 0xFFFF));
    p.ecosystem = key.first;
    for (std::size_t i = 0; i < p.entryCount; ++i) {
      const RiskRecord& r = *list[i];
      format::EntryRow e{};
      e.kind = static_cast<std::uint8_t>(r.kind);
      e.flags = r.allVersions ? format::kAllVersions : 0;
      e.id = strings.add(r.id);
      e.summary = strings.add(r.summary);
      e.replacement = strings.add(r.replacement);
      e.link = strings.add(r.link);
      e.firstRange = static_cast<std::uint32_t>(rangeRows.size());
      e.rangeCount = static_cast<std::uint16_t>(std::min<std::size_t>(r.ranges.size(), 0xFFFF));
      for (std::size_t k = 0; k < e.rangeCount; ++k)
        rangeRows.push_back({strings.add(r.ranges[k].introduced == "0" ? std::string_view() : r.ranges[k].introduced),
                             strings.add(r.ranges[k].fixed), strings.add(r.ranges[k].lastAffected)});
      e.firstVersion = static_cast<std::uint32_t>(versionRefs.size());
      e.versionCount = static_cast<std::uint32_t>(r.versions.size());
      for (const auto& v : r.versions) versionRefs.push_back(strings.add(v));
      entryRows.push_back(e);
    }
    packageRows.push_back(p);
  }

  std::uint32_t bucketCount = 16;
  while (bucketCount < packageRows.size() * 2) bucketCount <<= 1;
  std::vector<std::uint32_t> buckets(bucketCount, 0);
  for (std::uint32_t i = 0; i < packageRows.size(); ++i) {
    std::uint32_t b = packageRows[i].hash & (bucketCount - 1);
    while (buckets[b]) b = (b + 1) & (bucketCount - 1);
    buckets[b] = i + 1;
  }

  format::FileHeader h{};
  std::memcpy(h.magic, format::kMagic, sizeof h.magic);
  h.formatVersion = format::kFormatVersion;
  h.packageCount = static_cast<std::uint32_t>(packageRows.size());
  h.bucketCount = bucketCount;
  h.entryCount = static_cast<std::uint32_t>(entryRows.size());
  h.rangeCount = static_cast<std::uint32_t>(rangeRows.size());
  h.versionRefCount = static_cast<std::uint32_t>(versionRefs.size());
  std::string out(sizeof h, '\0');
  h.bucketsOffset = out.size();
  appendRows(out, buckets);
  pad(out);
  h.packagesOffset = out.size();
  appendRows(out, packageRows);
  pad(out);
  h.entriesOffset = out.size();
  appendRows(out, entryRows);
  pad(out);
  h.rangesOffset = out.size();
  appendRows(out, rangeRows);
  pad(out);
  h.versionsOffset = out.size();
  appendRows(out, versionRefs);
  pad(out);
  h.stringsOffset = out.size();
  h.stringsSize = strings.blob().size();
  out.append(strings.blob());
  h.fileSize = out.size();
  std::memcpy(out.data(), &h, sizeof h);

  std::error_code ec;
  if (file.has_parent_path()) std::filesystem::create_directories(file.parent_path(), ec);
  const auto temporary = file.string() + ".tmp-" + std::to_string(::getpid());
  {
    std::ofstream stream(temporary, std::ios::binary | std::ios::trunc);
    stream.write(out.data(), static_cast<std::streamsize>(out.size()));
    stream.flush();
    if (!stream) {
      std::filesystem::remove(temporary, ec);
      return Status(StatusCode::kInternal, "write " + temporary + ": failed");
    }
  }
  std::filesystem::rename(temporary, file, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return Status(StatusCode::kInternal, "rename to " + file.string() + ": " + ec.message());
  }
  return StoreStats{packageRows.size(), entryRows.size(), out.size()};
}

}  // namespace gateos::plugins::stages::dependency_insight

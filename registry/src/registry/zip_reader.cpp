#include "registry/zip_reader.h"

#include <Poco/Exception.h>
#include <Poco/Zip/SkipCallback.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>

namespace gateos::registry {
namespace {

constexpr std::uint32_t kEndOfCentralDirectory = 0x06054b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::size_t kEocdSize = 22;
constexpr std::size_t kCentralHeaderSize = 46;
constexpr std::size_t kMaxCommentSize = 0xffff;

sdk::Status corrupt(const std::string& why) {
  return sdk::Status(sdk::StatusCode::kInvalidArgument, "corrupt archive: " + why);
}

std::uint16_t le16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }
std::uint32_t le32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
         (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}

bool readAt(std::ifstream& in, std::uint64_t offset, std::string& out, std::size_t size) {
  out.assign(size, '\0');
  in.clear();
  in.seekg(static_cast<std::streamoff>(offset));
  in.read(out.data(), static_cast<std::streamsize>(size));
  return static_cast<std::size_t>(in.gcount()) == size;
}

}  // namespace

bool ZipEntry::isSymlink() const noexcept {
  const unsigned host = versionMadeBy >> 8;
  const unsigned mode = externalAttributes >> 16;
  // Unix (3) and OS X (19) hosts keep st_mode in the high half.
  return (host == 3 || host == 19) && (mode & S_IFMT) == S_IFLNK;
}

sdk::Result<std::vector<ZipEntry>> listZipEntries(const std::filesystem::path& archive) {
  std::ifstream in(archive, std::ios::binary);
  if (!in) return sdk::Status(sdk::StatusCode::kNotFound, archive.string() + ": cannot read");
  in.seekg(0, std::ios::end);
  const std::uint64_t fileSize = static_cast<std::uint64_t>(in.tellg());
  if (fileSize < kEocdSize) return corrupt("too short to be a zip archive");

  // The end-of-central-directory record sits in the last 22 + comment bytes.
  const std::size_t tailSize = static_cast<std::size_t>(std::min<std::uint64_t>(fileSize, kEocdSize + kMaxCommentSize));
  std::string tail;
  if (!readAt(in, fileSize - tailSize, tail, tailSize)) return corrupt("read error");
  const auto* t = reinterpret_cast<const unsigned char*>(tail.data());
  std::size_t eocd = std::string::npos;
  for (std::size_t i = tailSize - kEocdSize + 1; i-- > 0;) {
    if (le32(t + i) == kEndOfCentralDirectory && i + kEocdSize + le16(t + i + 20) == tailSize) {
      eocd = i;
      break;
    }
  }
  if (eocd == std::string::npos) return corrupt("not a zip archive (no end of central directory record)");
  const unsigned char* e = t + eocd;
  const std::uint16_t diskEntries = le16(e + 8), totalEntries = le16(e + 10);
  const std::uint32_t cdSize = le32(e + 12), cdOffset = le32(e + 16);
  if (le16(e + 4) != 0 || le16(e + 6) != 0 || diskEntries != totalEntries) return corrupt("multi-disk archives are not supported");
  if (totalEntries == 0xffff || cdSize == 0xffffffffu || cdOffset == 0xffffffffu)
    return corrupt("zip64 archives are not supported");
  if (static_cast<std::uint64_t>(cdOffset) + cdSize > fileSize - tailSize + eocd)
    return corrupt("central directory outside the file");

  std::string cd;
  if (!readAt(in, cdOffset, cd, cdSize)) return corrupt("read error");
  const auto* p = reinterpret_cast<const unsigned char*>(cd.data());
  std::vector<ZipEntry> entries;
  std::size_t pos = 0;
  for (std::uint16_t i = 0; i < totalEntries; ++i) {
    if (pos + kCentralHeaderSize > cd.size() || le32(p + pos) != kCentralHeader)
      return corrupt("central directory entry " + std::to_string(i) + " malformed");
    const unsigned char* h = p + pos;
    const std::size_t nameLen = le16(h + 28), extraLen = le16(h + 30), commentLen = le16(h + 32);
    if (pos + kCentralHeaderSize + nameLen + extraLen + commentLen > cd.size())
      return corrupt("central directory entry " + std::to_string(i) + " truncated");
    ZipEntry entry;
    entry.versionMadeBy = le16(h + 4);
    entry.flags = le16(h + 8);
    entry.method = le16(h + 10);
    entry.compressedSize = le32(h + 20);
    entry.uncompressedSize = le32(h + 24);
    entry.externalAttributes = le32(h + 38);
    entry.name.assign(cd, pos + kCentralHeaderSize, nameLen);
    if (entry.compressedSize == 0xffffffffu || entry.uncompressedSize == 0xffffffffu || le32(h + 42) == 0xffffffffu)
      return corrupt("zip64 archives are not supported");
    entries.push_back(std::move(entry));
    pos += kCentralHeaderSize + nameLen + extraLen + commentLen;
  }
  return entries;
}

sdk::Status forEachZipFile(const std::filesystem::path& archive,
                           const std::function<sdk::Status(const std::string& name, std::istream& data)>& visit) {
  std::ifstream in(archive, std::ios::binary);
  if (!in) return sdk::Status(sdk::StatusCode::kNotFound, archive.string() + ": cannot read");
  try {
    Poco::Zip::SkipCallback skip;
    Poco::Zip::ZipArchive zip(in, skip);
    for (auto it = zip.headerBegin(); it != zip.headerEnd(); ++it) {
      if (it->second.isDirectory()) continue;
      in.clear();
      Poco::Zip::ZipInputStream data(in, it->second, /*reposition=*/true);
      if (auto s = visit(it->first, data); !s) return s;
      if (data.bad()) return corrupt(it->first + ": read error");
    }
  } catch (const Poco::Exception& e) {
    return corrupt(e.displayText());
  } catch (const std::exception& e) {
    return corrupt(e.what());
  }
  return {};
}

sdk::Result<std::string> readZipFile(const std::filesystem::path& archive, const std::string& name,
                                     std::uint64_t maxBytes) {
  std::optional<std::string> found;
  auto status = forEachZipFile(archive, [&](const std::string& entryName, std::istream& data) -> sdk::Status {
    if (entryName != name) return {};
    std::string bytes;
    char buffer[16 * 1024];
    while (data) {
      data.read(buffer, sizeof buffer);
      bytes.append(buffer, static_cast<std::size_t>(data.gcount()));
      if (bytes.size() > maxBytes)
        return sdk::Status(sdk::StatusCode::kPayloadTooLarge, name + ": larger than " + std::to_string(maxBytes) + " bytes");
    }
    found = std::move(bytes);
    return {};
  });
  if (!status) return status;
  if (!found) return sdk::Status(sdk::StatusCode::kNotFound, name + " missing from the archive");
  return std::move(*found);
}

}  // namespace gateos::registry

#pragma once
// Reading package archives (zip). The central directory is parsed here, byte by
// byte, so every entry can be vetted (names, symlink attributes, duplicates,
// sizes) before Poco::Zip reads any data; Poco's own archive model keys entries
// by name and would hide duplicates. Entry data is read through Poco::Zip.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <istream>
#include <string>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::registry {

struct ZipEntry {
  std::string name;                   // as stored, '/'-separated
  std::uint16_t versionMadeBy = 0;    // high byte: host system (3 = Unix)
  std::uint16_t flags = 0;            // bit 0: encrypted
  std::uint16_t method = 0;           // 0 stored, 8 deflate
  std::uint64_t compressedSize = 0;
  std::uint64_t uncompressedSize = 0;
  std::uint32_t externalAttributes = 0;  // Unix: st_mode << 16

  bool isDirectory() const noexcept { return !name.empty() && name.back() == '/'; }
  bool isEncrypted() const noexcept { return (flags & 1u) != 0; }
  // A Unix symlink entry: S_IFLNK in the mode bits of the external attributes.
  bool isSymlink() const noexcept;
};

// Every entry of the central directory, in order. kInvalidArgument
// "corrupt archive: ..." when the file is not a readable zip.
sdk::Result<std::vector<ZipEntry>> listZipEntries(const std::filesystem::path& archive);

// Calls `visit` with each file entry's name and decompressed data stream (in
// local-header order; directories skipped). Poco errors (bad deflate data,
// CRC mismatch) become "corrupt archive: ...". Stops at the first error.
sdk::Status forEachZipFile(const std::filesystem::path& archive,
                           const std::function<sdk::Status(const std::string& name, std::istream& data)>& visit);

// The decompressed bytes of one entry, at most maxBytes; kNotFound when absent.
sdk::Result<std::string> readZipFile(const std::filesystem::path& archive, const std::string& name,
                                     std::uint64_t maxBytes);

}  // namespace gateos::registry

#pragma once
// Blocking file helpers for the registry: atomic writes, capped reads, temp files.

#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "gateos/sdk/status.h"

namespace gateos::registry {

// Writes bytes to `file` atomically: a temporary file in the same directory,
// fsync, rename over `file`. `mode` applies to the new file (0600 for secrets).
// With replace = false an existing file is an error (kConflict).
sdk::Status writeFileAtomic(const std::filesystem::path& file, std::string_view bytes, mode_t mode = 0644,
                            bool replace = true);

// Copies `from` to `to` atomically (temporary file + rename).
sdk::Status copyFileAtomic(const std::filesystem::path& from, const std::filesystem::path& to);

// Reads a whole file; kNotFound when missing, kPayloadTooLarge above maxBytes.
sdk::Result<std::string> readFileCapped(const std::filesystem::path& file, std::uint64_t maxBytes);

// Removes a directory tree, ignoring errors (best effort cleanup).
void removeTreeQuietly(const std::filesystem::path& path) noexcept;

// A file removed when the object is destroyed (unless released). Move-only.
class TempFile {
 public:
  TempFile() = default;
  // Creates an empty, uniquely named file in `dir` ("<prefix>XXXXXX<suffix>").
  static sdk::Result<TempFile> create(const std::filesystem::path& dir, std::string_view prefix,
                                      std::string_view suffix = {});
  ~TempFile();
  TempFile(TempFile&& other) noexcept;
  TempFile& operator=(TempFile&& other) noexcept;
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  const std::filesystem::path& path() const noexcept { return path_; }
  // Keeps the file: the caller owns it from now on.
  std::filesystem::path release() noexcept;

 private:
  explicit TempFile(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

// An exclusive advisory lock (flock) on <dir>/.lock, held for the object's life:
// serializes writers of one folder registry across processes.
class DirectoryLock {
 public:
  static sdk::Result<DirectoryLock> acquire(const std::filesystem::path& dir);
  ~DirectoryLock();
  DirectoryLock(DirectoryLock&& other) noexcept;
  DirectoryLock& operator=(DirectoryLock&&) = delete;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

 private:
  explicit DirectoryLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace gateos::registry

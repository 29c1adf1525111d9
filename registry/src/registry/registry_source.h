#pragma once
// Where packages come from: a folder or an http(s) URL holding index.json and
// the archives. Blocking: call it on a control thread, never on an event loop.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "gateos/sdk/status.h"
#include "registry/file_util.h"
#include "registry/package_entry.h"
#include "registry/registry_index.h"

namespace gateos::registry {

class RegistrySource {
 public:
  struct Options {
    std::chrono::milliseconds timeout{30000};        // connect, send and receive, each
    std::uint64_t maxIndexBytes = 32ull * 1024 * 1024;
    std::uint64_t maxPackageBytes = 512ull * 1024 * 1024;
    int maxRedirects = 5;
    std::filesystem::path tempDir;                   // downloads; empty: the system temp folder
  };

  // `location`: "http://host[:port]/path", "https://...", "file:///abs/path" or
  // a folder path. Fails only on an unsupported URL scheme.
  static sdk::Result<std::shared_ptr<const RegistrySource>> create(const std::string& location);
  static sdk::Result<std::shared_ptr<const RegistrySource>> create(const std::string& location, Options options);

  const std::string& location() const noexcept { return location_; }
  bool isRemote() const noexcept { return remote_; }

  // Reads and parses <location>/index.json. Errors start with "registry
  // <location>: ": "connection refused", "timed out", "index.json: HTTP 404
  // Not Found", "index.json: invalid JSON at byte 12", "index.json: unsupported
  // format 2 ...", "index.json: larger than ... bytes".
  sdk::Result<RegistryIndex> loadIndex() const;

  // Downloads (or copies, for a folder) the entry's archive to a new temporary
  // file, checking it is exactly entry.size bytes: "registry <location>:
  // drivers.x 1.0.0 (...): truncated download: got 10 of 20 bytes". Refuses an
  // entry.size above maxPackageBytes before downloading. Content checks are
  // verifyPackage's job.
  sdk::Result<TempFile> fetchPackage(const PackageEntry& entry) const;

 private:
  RegistrySource(std::string location, bool remote, std::string base, Options options)
      : location_(std::move(location)), remote_(remote), base_(std::move(base)), options_(std::move(options)) {}
  sdk::Status fetchTo(const std::string& file, std::ostream& out, std::uint64_t maxBytes,
                      std::uint64_t& received) const;

  std::string location_;
  bool remote_ = false;
  std::string base_;  // URL without trailing '/', or the folder path
  Options options_;
};

}  // namespace gateos::registry

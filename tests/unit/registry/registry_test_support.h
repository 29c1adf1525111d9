#pragma once
// Helpers for the registry unit tests: temp folders, directory snapshots,
// hand-made zip archives, plugin folders and a loopback HTTP server.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateos/sdk/json.h"
#include "registry/package_entry.h"
#include "registry/publisher_key.h"

namespace gateos::registry::testing {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// Writes `content` to `file`, creating parent folders.
void writeFile(const std::filesystem::path& file, const std::string& content);
std::string readFile(const std::filesystem::path& file);

// Every entry under `root` (hidden ones included): relative path -> "dir",
// "file <size> <sha256>" or "symlink -> <target>". Equal snapshots mean the
// tree is byte-for-byte the same. A missing root snapshots as {"": "missing"}.
using TreeSnapshot = std::map<std::string, std::string>;
TreeSnapshot snapshotTree(const std::filesystem::path& root);

// A zip written by hand, so tests can build archives no packer would make.
struct ZipSpec {
  std::string name;
  std::string data;
  std::uint32_t unixMode = 0100644;      // S_IFREG | 0644; S_IFLNK | 0777 for a symlink
  std::optional<std::uint32_t> declaredSize = std::nullopt;  // lie about the uncompressed size
};
void writeZip(const std::filesystem::path& file, const std::vector<ZipSpec>& entries);

// A minimal valid plugin.json for `id` (kind from the id prefix).
sdk::Json pluginManifest(const std::string& id, const std::string& version,
                         const std::vector<PackageDependency>& deps = {});
// A plugin folder: plugin.json, a dummy library and one asset; returns its path.
std::filesystem::path makePluginFolder(const std::filesystem::path& parent, const sdk::Json& manifest);

// An entry describing `archive` (size, sha256, platform, file name), signed by
// `key` when given. Fields are taken from `manifest`.
PackageEntry entryFor(const std::filesystem::path& archive, const sdk::Json& manifest, const PublisherKey* key);

// An HTTP server on 127.0.0.1 (ephemeral port) answering GET requests from a
// path -> response table.
class TestHttpServer {
 public:
  struct Response {
    int status = 200;
    std::string body;
    std::optional<std::uint64_t> contentLength;  // announce more than body to simulate a cut
  };
  TestHttpServer();
  ~TestHttpServer();
  void set(const std::string& path, Response response);
  std::string url() const;  // "http://127.0.0.1:<port>"
  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

// A loopback port with nothing listening on it (bound, then closed).
std::uint16_t closedLoopbackPort();

}  // namespace gateos::registry::testing

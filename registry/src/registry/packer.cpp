#include "registry/packer.h"

#include <Poco/DateTime.h>
#include <Poco/Exception.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>

#include <algorithm>
#include <fstream>
#include <vector>

#include "plugins/manifest.h"
#include "registry/crypto_util.h"
#include "registry/file_util.h"
#include "registry/platform.h"
#include "registry/registry_index.h"

namespace gateos::registry {
namespace {

namespace fs = std::filesystem;
using sdk::Status;
using sdk::StatusCode;

// Relative paths of the files that go into the archive, sorted.
sdk::Result<std::vector<std::string>> collectFiles(const fs::path& dir, const std::string& library) {
  std::vector<std::string> files = {"plugin.json", library};
  std::error_code ec;
  for (const auto& name : files) {
    if (fs::is_symlink(dir / name, ec)) return Status(StatusCode::kInvalidArgument, name + ": symbolic links are not packed");
  }
  const fs::path assets = dir / "assets";
  if (fs::is_symlink(assets, ec)) return Status(StatusCode::kInvalidArgument, "assets: symbolic links are not packed");
  if (fs::is_directory(assets, ec)) {
    for (auto it = fs::recursive_directory_iterator(assets, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      const auto rel = fs::relative(it->path(), dir).generic_string();
      if (it->is_symlink()) return Status(StatusCode::kInvalidArgument, rel + ": symbolic links are not packed");
      if (it->is_regular_file()) files.push_back(rel);
      else if (!it->is_directory()) return Status(StatusCode::kInvalidArgument, rel + ": not a regular file");
    }
    if (ec) return Status(StatusCode::kInternal, "read " + assets.string() + ": " + ec.message());
  }
  std::sort(files.begin() + 2, files.end());
  return files;
}

sdk::Result<PackResult> pack(const fs::path& pluginDir, const fs::path& outDir, const PublisherKey* key) {
  auto manifest = kernel::plugins::Manifest::load(pluginDir);
  if (!manifest) return manifest.status().prefixed("pack");
  const auto& m = manifest.value();
  auto files = collectFiles(pluginDir, m.library);
  if (!files) return files.status().prefixed("pack " + m.id);

  PackResult result;
  PackageEntry& e = result.entry;
  e.id = m.id;
  e.kind = m.kind;
  e.version = m.version;
  e.description = m.description;
  e.abiMajor = m.abiMajor;
  e.abiMinor = m.abiMinor;
  e.platform = platformForAbi(m.abiMajor);
  for (const auto& d : m.dependencies) e.dependencies.push_back({d.id, d.version});
  e.file = packageFileName(e.id, e.version, e.platform);

  std::error_code ec;
  fs::create_directories(outDir, ec);
  if (ec) return Status(StatusCode::kInternal, "pack " + m.id + ": create " + outDir.string() + ": " + ec.message());
  result.archive = outDir / e.file;
  auto tmp = TempFile::create(outDir, "." + e.file + ".");
  if (!tmp) return tmp.status().prefixed("pack " + m.id);
  try {
    std::ofstream out(tmp->path(), std::ios::binary | std::ios::trunc);
    Poco::Zip::Compress zip(out, /*seekableOut=*/true);
    const Poco::DateTime fixedTime(1980, 1, 1);  // reproducible archives
    for (const auto& rel : files.value()) {
      std::ifstream in(pluginDir / rel, std::ios::binary);
      if (!in) return Status(StatusCode::kNotFound, "pack " + m.id + ": cannot read " + rel);
      zip.addFile(in, fixedTime, Poco::Path(rel, Poco::Path::PATH_UNIX), Poco::Zip::ZipCommon::CM_DEFLATE,
                  Poco::Zip::ZipCommon::CL_MAXIMUM);
    }
    zip.close();
    out.close();
    if (!out) return Status(StatusCode::kInternal, "pack " + m.id + ": write " + tmp->path().string());
  } catch (const Poco::Exception& ex) {
    return Status(StatusCode::kInternal, "pack " + m.id + ": " + ex.displayText());
  }
  auto sha = sha256FileHex(tmp->path());
  if (!sha) return sha.status().prefixed("pack " + m.id);
  e.sha256 = sha.value();
  e.size = fs::file_size(tmp->path(), ec);
  if (key != nullptr) {
    e.publisher = key->id();
    e.signature = key->sign(e.signingPayload());
  }
  // Archives are public: readable by the web server or the user serving the registry.
  fs::permissions(tmp->path(), fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read, ec);
  fs::rename(tmp->path(), result.archive, ec);
  if (ec) return Status(StatusCode::kInternal, "pack " + m.id + ": rename: " + ec.message());
  tmp->release();
  return result;
}

}  // namespace

sdk::Result<PackResult> packPlugin(const fs::path& pluginDir, const fs::path& outDir, const PublisherKey& key) {
  return pack(pluginDir, outDir, &key);
}

sdk::Result<PackResult> packPluginUnsigned(const fs::path& pluginDir, const fs::path& outDir) {
  return pack(pluginDir, outDir, nullptr);
}

sdk::Result<PackageEntry> publishToFolderRegistry(const fs::path& registryDir, const fs::path& archive,
                                                  PackageEntry entry) {
  const std::string context = "publish " + entry.id + " " + entry.version + " to " + registryDir.string();
  std::error_code ec;
  fs::create_directories(registryDir / "packages", ec);
  if (ec) return Status(StatusCode::kInternal, context + ": " + ec.message());
  auto lock = DirectoryLock::acquire(registryDir);
  if (!lock) return lock.status().prefixed(context);

  RegistryIndex index;
  auto normalized = fs::absolute(registryDir).lexically_normal();
  if (normalized.filename().empty()) normalized = normalized.parent_path();  // "reg/" -> "reg"
  index.name = normalized.filename().string();
  const auto indexFile = registryDir / "index.json";
  if (fs::exists(indexFile, ec)) {
    auto text = readFileCapped(indexFile, 64ull * 1024 * 1024);
    if (!text) return text.status().prefixed(context);
    auto parsed = RegistryIndex::parse(text.value());
    if (!parsed) return parsed.status().prefixed(context);
    index = std::move(parsed).value();
  }
  const auto fileName = archive.filename().string();
  entry.file = "packages/" + fileName;
  if (auto s = copyFileAtomic(archive, registryDir / "packages" / fileName); !s) return s.prefixed(context);
  index.upsert(entry);
  if (auto s = writeFileAtomic(indexFile, index.toJson().dump(2) + "\n"); !s) return s.prefixed(context);
  return entry;
}

}  // namespace gateos::registry

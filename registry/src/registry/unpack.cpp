#include "registry/unpack.h"

#include <fstream>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "registry/file_util.h"
#include "registry/zip_reader.h"

namespace gateos::registry {
namespace {

sdk::Status refused(const std::string& why) {
  return sdk::Status(sdk::StatusCode::kInvalidArgument, "unsafe archive: " + why);
}

// Checks one entry name; returns the name without a trailing '/'.
sdk::Result<std::string> checkName(const ZipEntry& entry) {
  std::string name = entry.name;
  const std::string quoted = "entry '" + name + "'";
  if (name.find('\0') != std::string::npos) return refused("entry name holds a NUL character");
  if (name.find('\\') != std::string::npos) return refused(quoted + " holds a backslash");
  if (!name.empty() && name.front() == '/') return refused(quoted + " is an absolute path");
  if (name.size() >= 2 && name[1] == ':') return refused(quoted + " is an absolute path");
  if (entry.isDirectory()) name.pop_back();
  if (name.empty()) return refused("entry with an empty name");
  std::string_view rest = name;
  for (;;) {
    const auto slash = rest.find('/');
    const std::string_view part = rest.substr(0, slash);
    if (part == "..") return refused(quoted + " leaves the staging folder (\"..\")");
    if (part.empty() || part == ".") return refused(quoted + " is not a normalized relative path");
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  return name;
}

// Vets the whole central directory; returns the set of file names to extract.
sdk::Result<std::set<std::string>> vetEntries(const std::vector<ZipEntry>& entries, const UnpackLimits& limits) {
  if (entries.size() > limits.maxEntries)
    return refused(std::to_string(entries.size()) + " entries (limit " + std::to_string(limits.maxEntries) + ")");
  std::set<std::string> seen, files;
  std::uint64_t total = 0;
  for (const auto& entry : entries) {
    auto name = checkName(entry);
    if (!name) return name.status();
    if (entry.isSymlink()) return refused("entry '" + entry.name + "' is a symbolic link");
    if (entry.isEncrypted()) return refused("entry '" + entry.name + "' is encrypted");
    if (!seen.insert(name.value()).second) return refused("duplicate entry '" + name.value() + "'");
    total += entry.uncompressedSize;
    if (total > limits.maxTotalBytes)
      return refused("expands to more than " + std::to_string(limits.maxTotalBytes) + " bytes");
    if (!entry.isDirectory()) files.insert(name.value());
  }
  // A file may not also be used as a directory ("a" and "a/b").
  for (const auto& name : seen) {
    for (auto slash = name.find('/'); slash != std::string::npos; slash = name.find('/', slash + 1)) {
      if (files.count(name.substr(0, slash))) return refused("entry '" + name + "' is inside a file");
    }
  }
  return files;
}

sdk::Status extract(const std::filesystem::path& archive, const std::filesystem::path& stagingDir,
                    const std::vector<ZipEntry>& entries, std::set<std::string> files, const UnpackLimits& limits) {
  std::map<std::string, std::uint64_t> declared;
  for (const auto& e : entries)
    if (!e.isDirectory()) declared[e.name] = e.uncompressedSize;
  for (const auto& e : entries) {
    if (!e.isDirectory()) continue;
    std::error_code ec;
    std::filesystem::create_directories(stagingDir / e.name.substr(0, e.name.size() - 1), ec);
    if (ec) return sdk::Status(sdk::StatusCode::kInternal, "create " + e.name + ": " + ec.message());
  }
  std::uint64_t total = 0;
  auto status = forEachZipFile(archive, [&](const std::string& name, std::istream& data) -> sdk::Status {
    // The local headers must name exactly the vetted central directory files, once each.
    if (files.erase(name) == 0) return refused("local entry '" + name + "' not in the central directory (or repeated)");
    const std::uint64_t limit = declared[name];
    const auto target = stagingDir / name;
    std::error_code ec;
    std::filesystem::create_directories(target.parent_path(), ec);
    if (ec) return sdk::Status(sdk::StatusCode::kInternal, "create " + target.parent_path().string() + ": " + ec.message());
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    if (!out) return sdk::Status(sdk::StatusCode::kInternal, "write " + target.string());
    std::uint64_t written = 0;
    char buffer[64 * 1024];
    while (data) {
      data.read(buffer, sizeof buffer);
      const auto n = static_cast<std::uint64_t>(data.gcount());
      written += n;
      total += n;
      if (written > limit) return refused("entry '" + name + "' expands beyond its declared size");
      if (total > limits.maxTotalBytes)
        return refused("expands to more than " + std::to_string(limits.maxTotalBytes) + " bytes");
      out.write(buffer, static_cast<std::streamsize>(n));
    }
    if (written != limit) return sdk::Status(sdk::StatusCode::kInvalidArgument, "corrupt archive: entry '" + name + "' is truncated");
    out.close();
    if (!out) return sdk::Status(sdk::StatusCode::kInternal, "write " + target.string());
    return {};
  });
  if (!status) return status;
  if (!files.empty()) return sdk::Status(sdk::StatusCode::kInvalidArgument, "corrupt archive: entry '" + *files.begin() + "' has no data");
  return {};
}

}  // namespace

sdk::Status unpackToStaging(const std::filesystem::path& archive, const std::filesystem::path& stagingDir,
                            const UnpackLimits& limits) {
  auto entries = listZipEntries(archive);
  if (!entries) return entries.status();
  auto files = vetEntries(entries.value(), limits);
  if (!files) return files.status();

  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::symlink_status(stagingDir, ec)))
    return sdk::Status(sdk::StatusCode::kConflict, "staging folder " + stagingDir.string() + " already exists");
  if (!std::filesystem::create_directory(stagingDir, ec) || ec)
    return sdk::Status(sdk::StatusCode::kInternal, "create " + stagingDir.string() + ": " + ec.message());
  auto status = extract(archive, stagingDir, entries.value(), std::move(files).value(), limits);
  if (!status) removeTreeQuietly(stagingDir);
  return status;
}

}  // namespace gateos::registry

#include "core/bundled_plugins.h"

#include <fstream>
#include <spdlog/spdlog.h>

#include "gateos/sdk/json.h"

namespace gateos::kernel::core {
namespace fs = std::filesystem;
using sdk::Status;
using sdk::StatusCode;

namespace {

bool sameFileContent(const fs::path& a, const fs::path& b) {
  std::error_code ec1, ec2;
  if (fs::file_size(a, ec1) != fs::file_size(b, ec2) || ec1 || ec2) return false;
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  std::vector<char> ba(1 << 16), bb(1 << 16);
  while (fa && fb) {
    fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
    fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
    if (fa.gcount() != fb.gcount() || !std::equal(ba.begin(), ba.begin() + fa.gcount(), bb.begin())) return false;
  }
  return true;
}

bool upToDate(const fs::path& source, const fs::path& target) {
  std::error_code ec;
  for (const auto& entry : fs::recursive_directory_iterator(source, ec)) {
    if (!entry.is_regular_file()) continue;
    auto relative = fs::relative(entry.path(), source);
    if (!sameFileContent(entry.path(), target / relative)) return false;
  }
  return !ec;
}

}  // namespace

sdk::Result<std::vector<InstalledPlugin>> installBundledPlugins(const fs::path& bundledDir, const fs::path& pluginsRoot,
                                                                const std::set<std::string>& wanted) {
  std::vector<InstalledPlugin> installed;
  std::error_code ec;
  fs::create_directories(pluginsRoot, ec);
  if (ec) return Status(StatusCode::kInternal, "create " + pluginsRoot.string() + ": " + ec.message());
  if (!fs::is_directory(bundledDir)) {
    spdlog::warn("bundled plugin folder {} not found; no bundled plugins installed", bundledDir.string());
    return installed;
  }
  for (const auto& entry : fs::directory_iterator(bundledDir, ec)) {
    auto manifestPath = entry.path() / "plugin.json";
    if (!fs::is_regular_file(manifestPath)) continue;
    std::ifstream in(manifestPath);
    auto manifest = sdk::Json::parse(in, nullptr, false);
    if (manifest.is_discarded() || !manifest.contains("id") || !manifest.contains("version")) continue;
    std::string id = manifest["id"].get<std::string>();
    std::string version = manifest["version"].get<std::string>();
    if (!wanted.empty() && !wanted.count(id)) continue;

    fs::path target = pluginsRoot / id / version;
    if (!fs::exists(target) || !upToDate(entry.path(), target)) {
      fs::path staging = pluginsRoot / (".staging-" + id + "-" + version);
      fs::remove_all(staging, ec);
      fs::create_directories(staging.parent_path(), ec);
      fs::copy(entry.path(), staging, fs::copy_options::recursive, ec);
      if (ec) {
        fs::remove_all(staging, ec);
        return Status(StatusCode::kInternal, "install bundled " + id + ": copy failed");
      }
      fs::create_directories(target.parent_path(), ec);
      fs::path previous = pluginsRoot / (".previous-" + id + "-" + version);
      fs::remove_all(previous, ec);
      if (fs::exists(target)) fs::rename(target, previous, ec);
      fs::rename(staging, target, ec);
      if (ec) {
        if (fs::exists(previous)) fs::rename(previous, target, ec);
        return Status(StatusCode::kInternal, "install bundled " + id + ": " + ec.message());
      }
      fs::remove_all(previous, ec);
      spdlog::info("installed bundled plugin {} {}", id, version);
    }
    installed.push_back({id, version, target});
  }
  return installed;
}

}  // namespace gateos::kernel::core

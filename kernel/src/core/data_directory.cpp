#include "core/data_directory.h"

namespace gateos::kernel::core {
namespace fs = std::filesystem;

sdk::Result<DataDirectory> DataDirectory::open(const fs::path& root) {
  DataDirectory dir;
  std::error_code ec;
  dir.root = fs::absolute(root, ec);
  if (ec) return sdk::Status(sdk::StatusCode::kInvalidArgument, "data dir " + root.string() + ": " + ec.message());
  dir.created = !fs::exists(dir.root / "gateos.db");
  fs::create_directories(dir.root, ec);
  if (ec) return sdk::Status(sdk::StatusCode::kInvalidArgument, "data dir " + dir.root.string() + ": " + ec.message());
  if (dir.created) fs::permissions(dir.root, fs::perms::owner_all, fs::perm_options::replace, ec);
  for (const auto& sub : {dir.plugins(), dir.pluginData()}) {
    fs::create_directories(sub, ec);
    if (ec) return sdk::Status(sdk::StatusCode::kInvalidArgument, "data dir " + sub.string() + ": " + ec.message());
  }
  return dir;
}

}  // namespace gateos::kernel::core

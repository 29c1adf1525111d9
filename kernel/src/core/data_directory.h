#pragma once
// The data directory: <data>/gateos.db, master.key, admin.token, plugins/,
// plugin-data/. Created 0700 on first run.

#include <filesystem>

#include "gateos/sdk/status.h"

namespace gateos::kernel::core {

struct DataDirectory {
  std::filesystem::path root;
  bool created = false;  // first run

  std::filesystem::path database() const { return root / "gateos.db"; }
  std::filesystem::path masterKey() const { return root / "master.key"; }
  std::filesystem::path plugins() const { return root / "plugins"; }
  std::filesystem::path pluginData() const { return root / "plugin-data"; }

  static sdk::Result<DataDirectory> open(const std::filesystem::path& root);
};

}  // namespace gateos::kernel::core

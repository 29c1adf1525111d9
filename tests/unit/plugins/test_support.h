#pragma once
// Helpers shared by the loader tests: fixture locations, temporary plugin
// folders, and whether a library is currently mapped.

#include <dlfcn.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "gateos/sdk/json.h"

namespace gateos::kernel::plugins::testing {

// <build>/fixture-plugins/<sub> (e.g. "drivers.good", "good_v2/drivers.good").
inline std::filesystem::path fixtureDir(const std::string& sub) {
  return std::filesystem::path(GATEOS_FIXTURE_PLUGIN_DIR) / sub;
}

// True while `library` is mapped in this process (RTLD_NOLOAD never loads).
inline bool isMapped(const std::filesystem::path& library) {
  void* handle = dlopen(library.c_str(), RTLD_NOW | RTLD_NOLOAD);
  if (handle == nullptr) return false;
  dlclose(handle);  // undo the reference RTLD_NOLOAD took
  return true;
}

// A temporary folder, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "gateos-plugins-XXXXXX").string();
    path_ = mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

  // Writes `name` with `content` and returns its path.
  std::filesystem::path write(const std::string& name, const std::string& content) const {
    auto file = path_ / name;
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace gateos::kernel::plugins::testing

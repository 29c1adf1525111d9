#pragma once
// The built web UI (ui-web/, Vite output), read into memory once at start-up so
// that serving a file is a map lookup on the event loop: no disk I/O per request,
// and no URL can reach a file outside the folder (only the loaded names exist).

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::kernel::core::ui {

struct UiAsset {
  std::string body;
  std::string contentType;
  std::string etag;        // quoted strong validator derived from the content
  bool immutable = false;  // content-hashed name under assets/: cacheable for a year
};

class UiAssets {
 public:
  // Total size guard: the UI is a few hundred KB; anything much larger is a wrong folder.
  static constexpr std::size_t kMaxTotalBytes = 64u << 20;

  // Reads every regular file below dir (symlinks are not followed out of it).
  // A folder without index.html is an error.
  static sdk::Result<std::shared_ptr<const UiAssets>> load(const std::filesystem::path& dir);

  // Exact relative name ("index.html", "assets/app-1a2b.js"), nullptr when absent.
  const UiAsset* find(std::string_view name) const;
  const UiAsset& index() const { return *index_; }
  const std::filesystem::path& directory() const noexcept { return dir_; }
  std::size_t fileCount() const noexcept { return files_.size(); }

  static std::string_view contentTypeFor(std::string_view fileName) noexcept;

 private:
  std::filesystem::path dir_;
  std::map<std::string, UiAsset, std::less<>> files_;
  const UiAsset* index_ = nullptr;
};

// Where the kernel looks for the built UI, in order (the first folder holding
// index.html wins):
//   1. $GATEOS_UI_DIR (when set, the only candidate)
//   2. <binary dir>/../share/gateos/ui   (install prefix, and the build tree: build/bin → build/share)
//   3. <source dir>/ui-web/dist           (a developer's `npm run build`)
std::vector<std::filesystem::path> uiSearchPath();

}  // namespace gateos::kernel::core::ui

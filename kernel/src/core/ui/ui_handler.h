#pragma once
// Serves the web UI on the kernel's own port: GET/HEAD of any path outside the
// API namespaces. Files come from UiAssets (memory); a path without a file
// extension that names no file is a client-side route and gets index.html (SPA
// fallback). Without a built UI every page explains how to build it.

#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "core/ui/ui_assets.h"
#include "net/server_request.h"

namespace gateos::kernel::core::ui {

class UiHandler {
 public:
  // assets may be null (UI not built); searched is shown on the help page.
  UiHandler(std::shared_ptr<const UiAssets> assets, std::vector<std::filesystem::path> searched);

  // Finds the first folder of uiSearchPath() holding a built UI and loads it.
  static std::unique_ptr<UiHandler> locate();

  // True for GET/HEAD outside /v1/, /api/ and /admin/api/ (the data plane and the admin API).
  static bool wants(std::string_view method, std::string_view path) noexcept;

  // Answers on the caller's event loop; never touches the disk.
  void serve(const net::ServerRequest& request, net::ResponseWriter& writer) const;

  bool built() const noexcept { return assets_ != nullptr; }

 private:
  void sendNotBuilt(net::ResponseWriter& writer) const;

  std::shared_ptr<const UiAssets> assets_;
  std::vector<std::filesystem::path> searched_;
};

}  // namespace gateos::kernel::core::ui

#include "core/ui/ui_assets.h"

#include <sodium.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

namespace gateos::kernel::core::ui {

using sdk::Status;
using sdk::StatusCode;

namespace {

bool endsWith(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string etagOf(const std::string& body) {
  unsigned char hash[16];
  crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr, 0);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char b : hash) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  out += '"';
  return out;
}

sdk::Result<std::string> readFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, "cannot read " + file.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

std::string_view UiAssets::contentTypeFor(std::string_view name) noexcept {
  struct Entry {
    std::string_view suffix, type;
  };
  static constexpr Entry kTypes[] = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},          {".map", "application/json"},
      {".webmanifest", "application/manifest+json"}, {".svg", "image/svg+xml"},
      {".png", "image/png"},                  {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},               {".txt", "text/plain; charset=utf-8"},
  };
  for (const auto& e : kTypes)
    if (endsWith(name, e.suffix)) return e.type;
  return "application/octet-stream";
}

sdk::Result<std::shared_ptr<const UiAssets>> UiAssets::load(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(dir / "index.html", ec))
    return Status(StatusCode::kNotFound, dir.string() + ": no index.html (is the UI built?)");
  auto assets = std::make_shared<UiAssets>();
  assets->dir_ = dir;
  std::size_t total = 0;
  // The iterator does not follow directory symlinks; regular-file symlinks are
  // skipped too, so only files physically inside the folder are served.
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != std::filesystem::end(it);
       it.increment(ec)) {
    if (it->is_symlink(ec) || !it->is_regular_file(ec)) continue;
    std::string name = std::filesystem::relative(it->path(), dir, ec).generic_string();
    if (ec || name.empty() || name.starts_with("..")) continue;
    auto body = readFile(it->path());
    if (!body) return body.status();
    total += body->size();
    if (total > kMaxTotalBytes) return Status(StatusCode::kFailedPrecondition, dir.string() + ": more than 64 MB of files");
    UiAsset asset;
    asset.contentType = std::string(contentTypeFor(name));
    asset.etag = etagOf(body.value());
    asset.immutable = name.starts_with("assets/");
    asset.body = std::move(body.value());
    assets->files_.emplace(std::move(name), std::move(asset));
  }
  if (ec) return Status(StatusCode::kInternal, dir.string() + ": " + ec.message());
  assets->index_ = assets->find("index.html");
  if (!assets->index_) return Status(StatusCode::kNotFound, dir.string() + ": no index.html");
  return std::shared_ptr<const UiAssets>(std::move(assets));
}

const UiAsset* UiAssets::find(std::string_view name) const {
  auto it = files_.find(name);
  return it == files_.end() ? nullptr : &it->second;
}

std::vector<std::filesystem::path> uiSearchPath() {
  std::vector<std::filesystem::path> out;
  // An explicit folder is the only candidate: a wrong one shows the help page
  // instead of silently serving another build.
  if (const char* v = std::getenv("GATEOS_UI_DIR"); v && *v) {
    out.emplace_back(v);
    return out;
  }
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) out.push_back((exe.parent_path() / ".." / "share" / "gateos" / "ui").lexically_normal());
#ifdef GATEOS_SOURCE_DIR
  out.push_back(std::filesystem::path(GATEOS_SOURCE_DIR) / "ui-web" / "dist");
#endif
  return out;
}

}  // namespace gateos::kernel::core::ui

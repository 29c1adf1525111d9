#include "core/ui/ui_handler.h"

#include <spdlog/spdlog.h>

namespace gateos::kernel::core::ui {

namespace {

// The UI's HTML may load only its own scripts and styles; no framing (clickjacking).
constexpr std::string_view kHtmlPolicy =
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

bool hasExtension(std::string_view path) noexcept {
  auto slash = path.rfind('/');
  std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
  return last.find('.') != std::string_view::npos;
}

// Dot segments, backslashes, NUL and percent escapes never name a UI file; refusing
// them keeps the SPA fallback from answering traversal attempts with a page.
bool suspicious(std::string_view path) noexcept {
  return path.find("..") != std::string_view::npos || path.find('\\') != std::string_view::npos ||
         path.find('%') != std::string_view::npos || path.find('\0') != std::string_view::npos ||
         path.find("//") != std::string_view::npos;
}

sdk::Headers baseHeaders(std::string_view contentType) {
  sdk::Headers h;
  h.add("content-type", std::string(contentType));
  h.add("x-content-type-options", "nosniff");
  return h;
}

void addHtmlHeaders(sdk::Headers& h) {
  h.add("content-security-policy", std::string(kHtmlPolicy));
  h.add("x-frame-options", "DENY");
  h.add("referrer-policy", "no-referrer");
}

std::string htmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

UiHandler::UiHandler(std::shared_ptr<const UiAssets> assets, std::vector<std::filesystem::path> searched)
    : assets_(std::move(assets)), searched_(std::move(searched)) {}

std::unique_ptr<UiHandler> UiHandler::locate() {
  auto searched = uiSearchPath();
  for (const auto& dir : searched) {
    auto assets = UiAssets::load(dir);
    if (assets) {
      spdlog::info("web UI: {} files from {}", assets.value()->fileCount(), dir.string());
      return std::make_unique<UiHandler>(std::move(assets.value()), std::move(searched));
    }
    spdlog::debug("web UI: {}", assets.status().message());
  }
  std::string places;
  for (const auto& dir : searched) places += (places.empty() ? "" : ", ") + dir.string();
  spdlog::warn("web UI not built (looked in {}); `make` builds it, see docs/web-ui.md", places);
  return std::make_unique<UiHandler>(nullptr, std::move(searched));
}

bool UiHandler::wants(std::string_view method, std::string_view path) noexcept {
  if (method != "GET" && method != "HEAD") return false;
  if (path.empty() || path[0] != '/') return false;
  for (std::string_view api : {"/v1/", "/api/", "/admin/api/"})
    if (path.starts_with(api) || path == api.substr(0, api.size() - 1)) return false;
  return true;
}

void UiHandler::serve(const net::ServerRequest& request, net::ResponseWriter& writer) const {
  if (!assets_) return sendNotBuilt(writer);
  std::string_view path = request.path;
  if (suspicious(path)) {
    auto h = baseHeaders("text/plain; charset=utf-8");
    return writer.send(404, std::move(h), "not found\n");
  }
  std::string_view name = path.substr(1);
  const UiAsset* asset = name.empty() ? &assets_->index() : assets_->find(name);
  if (!asset && !hasExtension(path)) asset = &assets_->index();  // a client-side route
  if (!asset) {
    auto h = baseHeaders("text/plain; charset=utf-8");
    h.add("cache-control", "no-cache");
    return writer.send(404, std::move(h), "not found\n");
  }
  auto h = baseHeaders(asset->contentType);
  // Hashed assets never change under their name; everything else revalidates.
  h.add("cache-control", asset->immutable ? "public, max-age=31536000, immutable" : "no-cache");
  h.add("etag", asset->etag);
  if (asset->contentType.starts_with("text/html")) addHtmlHeaders(h);
  if (request.headers.get("if-none-match") == asset->etag) return writer.send(304, std::move(h), "");
  // On HEAD the server writes the head (with this body's length) and drops the body.
  writer.send(200, std::move(h), asset->body);
}

void UiHandler::sendNotBuilt(net::ResponseWriter& writer) const {
  std::string places;
  for (const auto& dir : searched_) places += "<li><code>" + htmlEscape(dir.string()) + "</code></li>";
  std::string page =
      "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>GateOS: web UI not built</title>"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"></head>"
      "<body style=\"font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem\">"
      "<h1>GateOS is running, but its web UI is not built</h1>"
      "<p>The gateway and the admin API work. To get the web UI, build it and restart <code>gateos serve</code>:</p>"
      "<pre>make            # builds the kernel and the UI\n# or only the UI:\ncd ui-web &amp;&amp; npm ci &amp;&amp; npm run build</pre>"
      "<p>The kernel looked for a built UI (a folder with <code>index.html</code>) in:</p><ul>" +
      places +
      "</ul><p>Set <code>GATEOS_UI_DIR</code> to use another folder. See <code>docs/web-ui.md</code>.</p></body></html>";
  auto h = baseHeaders("text/html; charset=utf-8");
  h.add("cache-control", "no-store");
  h.add("x-frame-options", "DENY");
  // Inline style on this one static page only.
  h.add("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'");
  writer.send(200, std::move(h), std::move(page));
}

}  // namespace gateos::kernel::core::ui

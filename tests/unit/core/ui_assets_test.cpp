#include <gtest/gtest.h>

#include <fstream>

#include "core/ui/ui_assets.h"
#include "core/ui/ui_handler.h"
#include "unit/storage/temp_dir.h"

namespace gateos::kernel::core::ui {
namespace {

void writeFile(const std::filesystem::path& file, const std::string& content) {
  std::filesystem::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << content;
}

// Records what the handler sent.
class CapturingWriter final : public net::ResponseWriter {
 public:
  int status = 0;
  sdk::Headers headers;
  std::string body;
  void send(int s, sdk::Headers h, std::string b) override {
    status = s;
    headers = std::move(h);
    body = std::move(b);
  }
  void beginStream(int, sdk::Headers) override { ADD_FAILURE() << "the UI never streams"; }
  void write(std::string) override {}
  void end() override {}
  bool clientGone() const noexcept override { return false; }
  void onClientGone(std::function<void()>) override {}
  std::size_t pendingBytes() const noexcept override { return 0; }
  sdk::Executor& executor() noexcept override { std::abort(); }
};

class UiHandlerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    writeFile(dir_ / "index.html", "<!doctype html><title>GateOS</title>");
    writeFile(dir_ / "favicon.svg", "<svg/>");
    writeFile(dir_ / "assets/index-abc123.js", "console.log(1)");
    writeFile(dir_ / "assets/index-abc123.css", "body{}");
    auto assets = UiAssets::load(dir_.path());
    ASSERT_TRUE(assets) << assets.status().message();
    handler_ = std::make_unique<UiHandler>(assets.value(), std::vector<std::filesystem::path>{dir_.path()});
  }

  CapturingWriter get(std::string path, std::string method = "GET", std::string ifNoneMatch = "") {
    net::ServerRequest request;
    request.method = std::move(method);
    request.path = std::move(path);
    if (!ifNoneMatch.empty()) request.headers.add("if-none-match", ifNoneMatch);
    CapturingWriter writer;
    handler_->serve(request, writer);
    return writer;
  }

  testing::TempDir dir_;
  std::unique_ptr<UiHandler> handler_;
};

TEST_F(UiHandlerTest, ServesIndexAtRootWithHtmlTypeAndSecurityHeaders) {
  auto r = get("/");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "<!doctype html><title>GateOS</title>");
  EXPECT_EQ(r.headers.get("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(r.headers.get("cache-control"), "no-cache");
  EXPECT_NE(r.headers.get("content-security-policy").find("default-src 'self'"), std::string_view::npos);
  EXPECT_EQ(r.headers.get("x-frame-options"), "DENY");
  EXPECT_EQ(r.headers.get("x-content-type-options"), "nosniff");
}

TEST_F(UiHandlerTest, ServesHashedAssetsAsImmutableWithTheirContentType) {
  auto js = get("/assets/index-abc123.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.body, "console.log(1)");
  EXPECT_EQ(js.headers.get("content-type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.headers.get("cache-control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(get("/assets/index-abc123.css").headers.get("content-type"), "text/css; charset=utf-8");
  auto svg = get("/favicon.svg");
  EXPECT_EQ(svg.headers.get("content-type"), "image/svg+xml");
  EXPECT_EQ(svg.headers.get("cache-control"), "no-cache");
}

TEST_F(UiHandlerTest, ClientSideRoutesFallBackToIndex) {
  for (const char* path : {"/plugins", "/security", "/workspaces/default/keys"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.headers.get("content-type"), "text/html; charset=utf-8") << path;
  }
}

TEST_F(UiHandlerTest, MissingFilesWithAnExtensionAre404NotIndex) {
  auto r = get("/assets/missing-123.js");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(get("/robots.txt").status, 404);
}

TEST_F(UiHandlerTest, TraversalAttemptsAreRefused) {
  writeFile(dir_.path().parent_path() / "outside-secret.txt", "secret");
  for (const char* path : {"/../outside-secret.txt", "/assets/../../outside-secret.txt", "/..", "/%2e%2e/etc/passwd",
                           "/assets/..%2f..%2fetc", "/a\\..\\b", "//etc/passwd", "/assets/../index.html"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body.find("secret"), std::string::npos) << path;
  }
  std::filesystem::remove(dir_.path().parent_path() / "outside-secret.txt");
}

TEST_F(UiHandlerTest, ConditionalRequestWithTheEtagGets304) {
  auto first = get("/assets/index-abc123.js");
  std::string etag(first.headers.get("etag"));
  ASSERT_FALSE(etag.empty());
  auto second = get("/assets/index-abc123.js", "GET", etag);
  EXPECT_EQ(second.status, 304);
  EXPECT_TRUE(second.body.empty());
  EXPECT_EQ(get("/assets/index-abc123.js", "GET", "\"other\"").status, 200);
}

TEST_F(UiHandlerTest, WantsOnlyGetAndHeadOutsideTheApis) {
  EXPECT_TRUE(UiHandler::wants("GET", "/"));
  EXPECT_TRUE(UiHandler::wants("HEAD", "/"));
  EXPECT_TRUE(UiHandler::wants("GET", "/plugins"));
  EXPECT_FALSE(UiHandler::wants("POST", "/"));
  EXPECT_FALSE(UiHandler::wants("GET", "/v1/models"));
  EXPECT_FALSE(UiHandler::wants("GET", "/v1"));
  EXPECT_FALSE(UiHandler::wants("GET", "/api/tags"));
  EXPECT_FALSE(UiHandler::wants("GET", "/admin/api/v1/status"));
}

TEST(UiAssetsTest, FolderWithoutIndexIsNotAUi) {
  testing::TempDir dir;
  writeFile(dir / "assets/a.js", "x");
  auto assets = UiAssets::load(dir.path());
  ASSERT_FALSE(assets);
  EXPECT_NE(assets.status().message().find("index.html"), std::string::npos);
}

TEST(UiAssetsTest, SymlinksAreNotServed) {
  testing::TempDir dir;
  writeFile(dir / "index.html", "i");
  writeFile(dir / "real/secret.txt", "secret");
  std::filesystem::create_directories(dir / "ui");
  writeFile(dir / "ui/index.html", "i");
  std::filesystem::create_symlink(dir / "real/secret.txt", dir / "ui/link.txt");
  std::filesystem::create_directory_symlink(dir / "real", dir / "ui/linkdir");
  auto assets = UiAssets::load(dir / "ui");
  ASSERT_TRUE(assets);
  EXPECT_EQ(assets.value()->find("link.txt"), nullptr);
  EXPECT_EQ(assets.value()->find("linkdir/secret.txt"), nullptr);
  EXPECT_EQ(assets.value()->fileCount(), 1u);
}

TEST(UiHandlerNotBuiltTest, ExplainsHowToBuildTheUi) {
  UiHandler handler(nullptr, {"/nowhere/share/gateos/ui"});
  net::ServerRequest request;
  request.method = "GET";
  request.path = "/plugins";
  CapturingWriter writer;
  handler.serve(request, writer);
  EXPECT_EQ(writer.status, 200);
  EXPECT_EQ(writer.headers.get("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(writer.body.find("not built"), std::string::npos);
  EXPECT_NE(writer.body.find("npm ci"), std::string::npos);
  EXPECT_NE(writer.body.find("/nowhere/share/gateos/ui"), std::string::npos);
}

TEST(UiAssetsTest, ContentTypes) {
  EXPECT_EQ(UiAssets::contentTypeFor("a.woff2"), "font/woff2");
  EXPECT_EQ(UiAssets::contentTypeFor("a.json"), "application/json");
  EXPECT_EQ(UiAssets::contentTypeFor("a.png"), "image/png");
  EXPECT_EQ(UiAssets::contentTypeFor("noext"), "application/octet-stream");
}

}  // namespace
}  // namespace gateos::kernel::core::ui

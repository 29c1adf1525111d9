#include "registry_test_support.h"

#include <Poco/Checksum.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <stdlib.h>

#include <fstream>
#include <mutex>
#include <sstream>

#include "registry/crypto_util.h"
#include "registry/platform.h"

namespace gateos::registry::testing {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "gateos-registry-test-XXXXXX").string();
  path_ = mkdtemp(pattern.data());
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void writeFile(const fs::path& file, const std::string& content) {
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary | std::ios::trunc) << content;
}

std::string readFile(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TreeSnapshot snapshotTree(const fs::path& root) {
  TreeSnapshot out;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(root, ec))) return {{"", "missing"}};
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const auto rel = fs::relative(it->path(), root).generic_string();
    if (it->is_symlink()) out[rel] = "symlink -> " + fs::read_symlink(it->path()).string();
    else if (it->is_directory()) out[rel] = "dir";
    else out[rel] = "file " + std::to_string(it->file_size()) + " " + sha256Hex(readFile(it->path()));
  }
  return out;
}

namespace {

void put16(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>((v >> 8) & 0xff));
}
void put32(std::string& out, std::uint32_t v) {
  put16(out, v & 0xffff);
  put16(out, v >> 16);
}

}  // namespace

void writeZip(const fs::path& file, const std::vector<ZipSpec>& entries) {
  std::string body, central;
  for (const auto& e : entries) {
    Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
    crc.update(e.data.data(), static_cast<unsigned>(e.data.size()));
    const std::uint32_t size = static_cast<std::uint32_t>(e.data.size());
    const std::uint32_t declared = e.declaredSize.value_or(size);
    const std::uint32_t offset = static_cast<std::uint32_t>(body.size());
    // Local file header, stored (method 0).
    put32(body, 0x04034b50);
    put16(body, 20);
    put16(body, 0);
    put16(body, 0);
    put16(body, 0);
    put16(body, 0x21);
    put32(body, crc.checksum());
    put32(body, size);
    put32(body, declared);
    put16(body, static_cast<std::uint32_t>(e.name.size()));
    put16(body, 0);
    body += e.name;
    body += e.data;
    // Central directory header; "made by" Unix (3) so the mode bits count.
    put32(central, 0x02014b50);
    put16(central, (3u << 8) | 20);
    put16(central, 20);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0x21);
    put32(central, crc.checksum());
    put32(central, size);
    put32(central, declared);
    put16(central, static_cast<std::uint32_t>(e.name.size()));
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put16(central, 0);
    put32(central, e.unixMode << 16);
    put32(central, offset);
    central += e.name;
  }
  std::string out = body + central;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put16(out, static_cast<std::uint32_t>(entries.size()));
  put32(out, static_cast<std::uint32_t>(central.size()));
  put32(out, static_cast<std::uint32_t>(body.size()));
  put16(out, 0);
  writeFile(file, out);
}

sdk::Json pluginManifest(const std::string& id, const std::string& version, const std::vector<PackageDependency>& deps) {
  const std::string prefix = id.substr(0, id.find('.'));
  static const std::map<std::string, std::string> kKinds = {
      {"drivers", "driver"}, {"adapters", "adapter"}, {"stages", "stage"}, {"policies", "policy"},
      {"integrations", "integration"}};
  sdk::Json manifest = {{"id", id},
                        {"version", version},
                        {"kind", kKinds.at(prefix)},
                        {"description", "test plugin " + id},
                        {"library", "libtest_plugin.so"},
                        {"sdk", {{"abi_major", 1}, {"abi_minor", 0}}}};
  if (!deps.empty()) {
    manifest["dependencies"] = sdk::Json::array();
    for (const auto& d : deps) manifest["dependencies"].push_back({{"id", d.id}, {"version", d.version}});
  }
  return manifest;
}

fs::path makePluginFolder(const fs::path& parent, const sdk::Json& manifest) {
  const fs::path dir = parent / (manifest["id"].get<std::string>() + "-" + manifest["version"].get<std::string>());
  writeFile(dir / "plugin.json", manifest.dump(2));
  writeFile(dir / manifest.value("library", "libtest_plugin.so"), "not really a shared library");
  writeFile(dir / "assets" / "patterns" / "default.txt", "pattern data\n");
  return dir;
}

PackageEntry entryFor(const fs::path& archive, const sdk::Json& manifest, const PublisherKey* key) {
  PackageEntry e;
  e.id = manifest["id"];
  e.kind = manifest["kind"];
  e.version = manifest["version"];
  e.abiMajor = manifest["sdk"]["abi_major"];
  e.abiMinor = manifest["sdk"]["abi_minor"];
  e.platform = currentPlatform();
  for (const auto& d : manifest.value("dependencies", sdk::Json::array()))
    e.dependencies.push_back({d["id"], d.value("version", "")});
  e.sha256 = sha256Hex(readFile(archive));
  e.size = fs::file_size(archive);
  e.file = archive.filename().string();
  if (key != nullptr) {
    e.publisher = key->id();
    e.signature = key->sign(e.signingPayload());
  }
  return e;
}

struct TestHttpServer::Impl {
  std::mutex mutex;
  std::map<std::string, Response> routes;
  Poco::Net::ServerSocket socket{Poco::Net::SocketAddress("127.0.0.1", 0)};
  std::unique_ptr<Poco::Net::HTTPServer> server;
};

namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(TestHttpServer::Impl& impl) : impl_(impl) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    TestHttpServer::Response r{404, "not found", std::nullopt};
    {
      std::lock_guard lock(impl_.mutex);
      if (auto it = impl_.routes.find(request.getURI()); it != impl_.routes.end()) r = it->second;
    }
    response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(r.status));
    response.setKeepAlive(false);  // a short body then ends with the connection
    response.setContentLength64(static_cast<Poco::Int64>(r.contentLength.value_or(r.body.size())));
    response.send().write(r.body.data(), static_cast<std::streamsize>(r.body.size()));
  }

 private:
  TestHttpServer::Impl& impl_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(TestHttpServer::Impl& impl) : impl_(impl) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest&) override {
    return new Handler(impl_);
  }

 private:
  TestHttpServer::Impl& impl_;
};

}  // namespace

TestHttpServer::TestHttpServer() : impl_(std::make_unique<Impl>()) {
  impl_->server = std::make_unique<Poco::Net::HTTPServer>(new Factory(*impl_), impl_->socket,
                                                          new Poco::Net::HTTPServerParams);
  impl_->server->start();
}

TestHttpServer::~TestHttpServer() { impl_->server->stopAll(true); }

void TestHttpServer::set(const std::string& path, Response response) {
  std::lock_guard lock(impl_->mutex);
  impl_->routes[path] = std::move(response);
}

std::string TestHttpServer::url() const {
  return "http://127.0.0.1:" + std::to_string(impl_->socket.address().port());
}

std::uint16_t closedLoopbackPort() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  const auto port = socket.address().port();
  socket.close();
  return port;
}

}  // namespace gateos::registry::testing

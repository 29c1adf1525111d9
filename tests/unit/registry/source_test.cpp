#include "registry/registry_source.h"

#include <gtest/gtest.h>

#include "registry_fixture.h"

namespace gateos::registry {
namespace {

namespace fs = std::filesystem;
using testing::TestHttpServer;

class RegistrySourceTest : public testing::RegistryTest {
 protected:
  std::shared_ptr<const RegistrySource> source(const std::string& location) {
    RegistrySource::Options options;
    options.timeout = std::chrono::milliseconds(5000);
    options.tempDir = dir_.path();
    auto created = RegistrySource::create(location, options);
    EXPECT_TRUE(created.isOk()) << created.status().message();
    return created.value();
  }
};

TEST_F(RegistrySourceTest, FolderRegistryWithGarbageIndexIsAClearError) {
  testing::writeFile(registryDir() / "index.json", "<html>not json</html>");
  auto index = source(registryDir().string())->loadIndex();
  ASSERT_FALSE(index.isOk());
  EXPECT_EQ(index.status().message(), "registry " + registryDir().string() + ": index.json: invalid JSON at byte 1");
}

TEST_F(RegistrySourceTest, MissingFolderAndMissingIndexAreClearErrors) {
  auto missing = source((dir_ / "nope").string())->loadIndex();
  EXPECT_EQ(missing.status().message(), "registry " + (dir_ / "nope").string() + ": no such folder");
  auto empty = source(registryDir().string())->loadIndex();
  EXPECT_EQ(empty.status().message(), "registry " + registryDir().string() + ": index.json: not found");
}

TEST_F(RegistrySourceTest, UnreachableHttpRegistryIsConnectionRefused) {
  const std::string url = "http://127.0.0.1:" + std::to_string(testing::closedLoopbackPort()) + "/";
  auto index = source(url)->loadIndex();
  ASSERT_FALSE(index.isOk());
  EXPECT_EQ(index.status().message(), "registry " + url + ": connection refused");
  EXPECT_EQ(index.status().code(), sdk::StatusCode::kUnavailable);
}

TEST_F(RegistrySourceTest, HttpRegistryAnsweringGarbageOr404IsAClearError) {
  TestHttpServer server;
  server.set("/garbage/index.json", {200, "{\"format\": 1, \"packages\": [", std::nullopt});
  auto garbage = source(server.url() + "/garbage")->loadIndex();
  EXPECT_EQ(garbage.status().message(), "registry " + server.url() + "/garbage: index.json: invalid JSON at byte 28");
  auto notFound = source(server.url() + "/none/")->loadIndex();
  EXPECT_EQ(notFound.status().message(), "registry " + server.url() + "/none/: index.json: HTTP 404 Not Found");
  server.set("/old/index.json", {200, "{\"format\": 0, \"packages\": []}", std::nullopt});
  EXPECT_EQ(source(server.url() + "/old")->loadIndex().status().message(),
            "registry " + server.url() + "/old: index.json: unsupported format 0 (this kernel reads format 1)");
}

TEST_F(RegistrySourceTest, HttpRegistryServesIndexAndPackages) {
  auto entry = publish(testing::pluginManifest("drivers.demo", "1.0.0"));
  TestHttpServer server;
  server.set("/reg/index.json", {200, testing::readFile(registryDir() / "index.json"), std::nullopt});
  server.set("/reg/" + entry.file, {200, testing::readFile(registryDir() / entry.file), std::nullopt});
  auto src = source(server.url() + "/reg/");
  auto index = src->loadIndex();
  ASSERT_TRUE(index.isOk()) << index.status().message();
  ASSERT_EQ(index->packages.size(), 1u);
  auto file = src->fetchPackage(index->packages[0]);
  ASSERT_TRUE(file.isOk()) << file.status().message();
  EXPECT_EQ(testing::readFile(file->path()), testing::readFile(registryDir() / entry.file));
  const auto downloaded = file->path();
  { auto gone = std::move(file).value(); }
  EXPECT_FALSE(fs::exists(downloaded)) << "temporary download not removed";
}

TEST_F(RegistrySourceTest, TruncatedHttpDownloadIsRefused) {
  auto entry = publish(testing::pluginManifest("drivers.demo", "1.0.0"));
  const auto bytes = testing::readFile(registryDir() / entry.file);
  TestHttpServer server;
  // The server announces every byte but the connection ends half-way.
  server.set("/" + entry.file, {200, bytes.substr(0, bytes.size() / 2), bytes.size()});
  auto file = source(server.url())->fetchPackage(entry);
  ASSERT_FALSE(file.isOk());
  EXPECT_EQ(file.status().message(), "registry " + server.url() + ": " + entry.label() + ": truncated download: got " +
                                         std::to_string(bytes.size() / 2) + " of " + std::to_string(bytes.size()) +
                                         " bytes");
}

TEST_F(RegistrySourceTest, FolderDownloadLongerThanDeclaredIsRefused) {
  auto entry = publish(testing::pluginManifest("drivers.demo", "1.0.0"));
  auto shorter = entry;
  shorter.size -= 1;
  auto file = source(registryDir().string())->fetchPackage(shorter);
  EXPECT_EQ(file.status().message(), "registry " + registryDir().string() + ": " + entry.label() +
                                         ": download larger than the declared " + std::to_string(shorter.size) +
                                         " bytes");
  auto escaping = entry;
  escaping.file = "../trust.json";
  EXPECT_EQ(source(registryDir().string())->fetchPackage(escaping).status().message(),
            "registry " + registryDir().string() + ": " + entry.label() +
                ": ../trust.json: not a relative path inside the registry");
}

}  // namespace
}  // namespace gateos::registry

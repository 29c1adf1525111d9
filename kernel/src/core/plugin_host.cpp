#include "core/plugin_host.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

#include "storage/kv_store.h"

namespace gateos::kernel::core {
namespace {

spdlog::level::level_enum toSpd(sdk::LogLevel level) {
  switch (level) {
    case sdk::LogLevel::kTrace: return spdlog::level::trace;
    case sdk::LogLevel::kDebug: return spdlog::level::debug;
    case sdk::LogLevel::kInfo: return spdlog::level::info;
    case sdk::LogLevel::kWarn: return spdlog::level::warn;
    case sdk::LogLevel::kError: return spdlog::level::err;
  }
  return spdlog::level::info;
}

}  // namespace

PluginLogger::PluginLogger(std::string pluginId) : pluginId_(std::move(pluginId)) {}

bool PluginLogger::enabled(sdk::LogLevel level) const noexcept { return spdlog::should_log(toSpd(level)); }

void PluginLogger::log(sdk::LogLevel level, std::string_view message) noexcept {
  try {
    spdlog::log(toSpd(level), "[{}] {}", pluginId_, message);
  } catch (...) {
  }
}

PluginHost::PluginHost(const PluginHostServices& services, std::string pluginId, std::filesystem::path installDir,
                       std::unique_ptr<sdk::KeyValueStore> storage, std::shared_ptr<const void> code)
    : services_(services),
      pluginId_(std::move(pluginId)),
      installDir_(std::move(installDir)),
      storage_(std::move(storage)),
      logger_(pluginId_),
      metrics_(*services.metrics, pluginId_),
      code_(std::move(code)),
      http_(*services.http, code_) {}

namespace {
// A plugin's blocking work and its continuation are plugin code: the library
// stays mapped until both have run and been destroyed (members die in reverse).
struct BlockingJob {
  std::shared_ptr<const void> code;
  std::function<void()> work;
  std::function<void()> done;
};
}  // namespace

void PluginHost::runBlocking(std::function<void()> work, sdk::Executor& executor, std::function<void()> done) {
  auto job = std::make_shared<BlockingJob>(BlockingJob{code_, std::move(work), std::move(done)});
  boost::asio::post(*services_.workers, [job, &executor]() mutable {
    try {
      job->work();
    } catch (...) {
      spdlog::error("a plugin's blocking work threw an exception");
    }
    job->work = nullptr;
    executor.post([job = std::move(job)] {
      if (job->done) job->done();
      job->done = nullptr;
    });
  });
}

plugins::HostFactory pluginHostFactory(const PluginHostServices& services, storage::Database& database) {
  return [services, &database](const plugins::Manifest& manifest,
                               std::shared_ptr<const void> code) -> std::unique_ptr<sdk::Host> {
    return std::make_unique<PluginHost>(services, manifest.id, manifest.directory,
                                        std::make_unique<storage::KvStore>(database, manifest.id), std::move(code));
  };
}

std::filesystem::path PluginHost::dataDirectory() const {
  auto dir = services_.dataRoot / pluginId_;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return dir;
}

}  // namespace gateos::kernel::core

#include "core/plugin_host.h"

#include <boost/asio/post.hpp>
#include <spdlog/spdlog.h>

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
                       std::unique_ptr<sdk::KeyValueStore> storage)
    : services_(services),
      pluginId_(std::move(pluginId)),
      installDir_(std::move(installDir)),
      storage_(std::move(storage)),
      logger_(pluginId_),
      metrics_(*services.metrics, pluginId_) {}

void PluginHost::runBlocking(std::function<void()> work, sdk::Executor& executor, std::function<void()> done) {
  boost::asio::post(*services_.workers, [work = std::move(work), &executor, done = std::move(done)]() mutable {
    try {
      work();
    } catch (...) {
      spdlog::error("a plugin's blocking work threw an exception");
    }
    executor.post(std::move(done));
  });
}

std::filesystem::path PluginHost::dataDirectory() const {
  auto dir = services_.dataRoot / pluginId_;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return dir;
}

}  // namespace gateos::kernel::core

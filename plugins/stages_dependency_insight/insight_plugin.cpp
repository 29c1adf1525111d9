#include "insight_plugin.h"

namespace gateos::plugins::stages::dependency_insight {

namespace fs = std::filesystem;
using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

DependencyInsightPlugin::~DependencyInsightPlugin() { stop(); }

fs::path DependencyInsightPlugin::starterStorePath() const {
  return host_ ? host_->assetDirectory() / kStarterStoreFile : fs::path();
}

fs::path DependencyInsightPlugin::importedStorePath() const {
  return host_ ? host_->dataDirectory() / kImportedStoreFile : fs::path();
}

Status DependencyInsightPlugin::configure(const Json& config, sdk::Host& host) {
  host_ = &host;
  auto cfg = InsightConfig::build(config);
  if (!cfg) return cfg.status().prefixed("configure stages.dependency_insight");
  config_ = std::move(cfg).value();
  host.logger().info("{}", config_->scanningSummary());
  if (auto s = loadData(); !s) return s.prefixed("configure stages.dependency_insight");
  auto& metrics = host.metrics();
  for (int k = 0; k < kRiskKindCount; ++k)
    findingsCounter_[k] = &metrics.counter("dependency_findings_total",
                                           "Risky packages found in requests and answers",
                                           {{"kind", std::string(riskKindName(static_cast<RiskKind>(k)))}});
  blocked_ = &metrics.counter("dependency_requests_blocked_total",
                              "Requests refused because they named a malicious package (block mode)");
  return {};
}

Status DependencyInsightPlugin::loadData() {
  auto data = std::make_shared<RiskData>();
  std::error_code ec;
  const auto starter = starterStorePath();
  if (fs::exists(starter, ec)) {
    auto store = RiskStore::open(starter);
    if (!store) return store.status().prefixed("starter data");
    host_->logger().info("starter risk data: {} packages, {} entries", (*store)->packageCount(), (*store)->entryCount());
    data->add(std::move(store).value());
  } else {
    host_->logger().warn("no starter risk data at {}", starter.string());
  }
  const auto imported = importedStorePath();
  if (fs::exists(imported, ec)) {
    auto store = RiskStore::open(imported);
    // A broken imported store must not take the starter data down with it.
    if (!store) {
      host_->logger().error("imported risk data ignored: {}", store.status().message());
    } else {
      host_->logger().info("imported risk data: {} packages, {} entries", (*store)->packageCount(),
                           (*store)->entryCount());
      data->add(std::move(store).value());
    }
    importedTime_ = fs::last_write_time(imported, ec);
    importedSize_ = fs::file_size(imported, ec);
  }
  data_.store(std::move(data));
  return {};
}

bool DependencyInsightPlugin::refresh() {
  std::error_code ec;
  const auto imported = importedStorePath();
  const bool exists = fs::exists(imported, ec);
  const auto time = exists ? fs::last_write_time(imported, ec) : fs::file_time_type{};
  const auto size = exists ? fs::file_size(imported, ec) : 0;
  if (ec || (time == importedTime_ && size == importedSize_)) return false;
  auto next = std::make_shared<RiskData>();
  auto current = data_.load();
  if (current && !current->stores().empty() && fs::exists(starterStorePath(), ec)) next->add(current->stores().front());
  if (exists) {
    auto store = RiskStore::open(imported);
    if (!store) {
      host_->logger().error("imported risk data ignored: {}", store.status().message());
      return false;  // keep serving what we had; try again when the file changes
    }
    host_->logger().info("imported risk data reloaded: {} packages", (*store)->packageCount());
    next->add(std::move(store).value());
  }
  importedTime_ = time;
  importedSize_ = size;
  data_.store(std::move(next));
  return true;
}

Status DependencyInsightPlugin::start() {
  running_ = std::make_shared<std::atomic<bool>>(true);
  scheduleRefresh();
  return {};
}

void DependencyInsightPlugin::stop() {
  if (running_) running_->store(false);
  std::lock_guard lock(timerMutex_);
  refreshTimer_.reset();
  previousTimer_.reset();
}

void DependencyInsightPlugin::scheduleRefresh() {
  if (!host_ || !config_ || config_->refreshInterval().count() == 0) return;
  auto running = running_;
  std::lock_guard lock(timerMutex_);
  if (!running || !running->load()) return;
  // The handle of the timer firing now is kept until the next one fires: never
  // destroyed from inside its own callback.
  previousTimer_ = std::move(refreshTimer_);
  auto& background = host_->backgroundExecutor();
  refreshTimer_ = background.schedule(
      std::chrono::duration_cast<std::chrono::milliseconds>(config_->refreshInterval()), [this, running, &background] {
        if (!running->load()) return;
        // stat and mmap are disk work: off the event loop.
        host_->runBlocking(
            [this, running] {
              if (running->load()) refresh();
            },
            background,
            [this, running] {
              if (running->load()) scheduleRefresh();
            });
      });
}

}  // namespace gateos::plugins::stages::dependency_insight

#pragma once
// stages.dependency_insight: an antivirus for AI-written code. Finds the
// packages a request or an answer names (imports, manifests, install
// commands), checks them against the package-risk stores and tells the user.
//
//   wantsRequest  true while answers are scanned (they need openResponse);
//                 with answer scanning off, a keyword prefilter on the raw
//                 body keeps clean requests on the pass-through path
//   onRequest     scans the new turn (messages after the last assistant
//                 message): notice before the answer, alert, block mode
//   openResponse  an InsightStream that scans the answer as it flows
//   runCommand    `gateos insight import|status|check` (insight_commands.cpp)
//
// Thread-safety: after configure() the object holds immutable settings and an
// atomically replaced RiskData snapshot (refreshed from the data folder by a
// background timer); per-request state lives in the InsightStream and in
// RequestContext::annotations.

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>

#include "gateos/sdk/command.h"
#include "gateos/sdk/executor.h"
#include "gateos/sdk/plugin.h"
#include "gateos/sdk/stage.h"
#include "insight_config.h"
#include "risk_data.h"

namespace gateos::plugins::stages::dependency_insight {

inline constexpr std::string_view kPluginId = "stages.dependency_insight";
inline constexpr std::string_view kStarterStoreFile = "risk.store";      // in the asset folder
inline constexpr std::string_view kImportedStoreFile = "imported.store";  // in the data folder

class DependencyInsightPlugin final : public sdk::Plugin, public sdk::Stage, public sdk::CommandProvider {
 public:
  ~DependencyInsightPlugin() override;

  sdk::Status configure(const sdk::Json& config, sdk::Host& host) override;
  sdk::Status start() override;
  void stop() override;
  sdk::Stage* asStage() noexcept override { return this; }
  sdk::CommandProvider* asCommandProvider() noexcept override { return this; }

  bool wantsRequest(const sdk::RequestContext& context, std::string_view rawBody) noexcept override;
  sdk::Status onRequest(sdk::RequestContext& context, sdk::ChatRequest& request) noexcept override;
  std::unique_ptr<sdk::StageStream> openResponse(sdk::RequestContext& context) noexcept override;

  int runCommand(std::string_view command, const std::vector<std::string>& args, std::ostream& out,
                 std::ostream& err) noexcept override;

  std::shared_ptr<const RiskData> data() const noexcept { return data_.load(); }
  // Re-reads the imported store if its file changed; true when data changed.
  bool refresh();

  std::filesystem::path starterStorePath() const;
  std::filesystem::path importedStorePath() const;

 private:
  sdk::Status loadData();
  void scheduleRefresh();

  sdk::Host* host_ = nullptr;
  std::shared_ptr<const InsightConfig> config_;
  std::atomic<std::shared_ptr<const RiskData>> data_;
  std::filesystem::file_time_type importedTime_{};
  std::uintmax_t importedSize_ = 0;
  sdk::Counter* findingsCounter_[kRiskKindCount] = {};
  sdk::Counter* blocked_ = nullptr;
  std::mutex timerMutex_;
  std::unique_ptr<sdk::TimerHandle> refreshTimer_;
  std::unique_ptr<sdk::TimerHandle> previousTimer_;
  std::shared_ptr<std::atomic<bool>> running_;
};

}  // namespace gateos::plugins::stages::dependency_insight

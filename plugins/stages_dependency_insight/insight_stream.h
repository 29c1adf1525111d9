#pragma once
// Scans an answer as it flows: every event is passed on at once, text deltas
// are fed to a MentionExtractor per content block (which keeps only the
// unfinished last line), tool-call arguments are collected (up to
// kMaxToolArguments) and scanned as JSON at the end. At the end — when kFinish
// arrives (before it is passed on, so that the kernel renders the notice after
// the answer) or at onEnd, whichever comes first — the findings become one
// notice and, for malicious or vulnerable packages, one security alert. Packages already reported for the request are
// not repeated.

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "extract/mention_extractor.h"
#include "findings.h"
#include "gateos/sdk/services.h"
#include "gateos/sdk/stage.h"

namespace gateos::plugins::stages::dependency_insight {

class InsightStream final : public sdk::StageStream {
 public:
  static constexpr std::size_t kMaxToolArguments = 64 * 1024;

  InsightStream(sdk::RequestContext& context, std::shared_ptr<const RiskData> data, Profile profile,
                std::set<std::string> reported, sdk::AlertSink& alerts, sdk::Counter* const* counters);

  void onEvent(const sdk::StreamEvent& event, sdk::EventSink& next) noexcept override;
  void onEnd(sdk::EventSink& next) noexcept override;

 private:
  MentionExtractor& extractorFor(int index);
  void collect();
  void finish() noexcept;

  sdk::RequestContext& context_;
  std::shared_ptr<const RiskData> data_;
  Profile profile_;
  std::set<std::string> reported_;
  sdk::AlertSink& alerts_;
  sdk::Counter* const* counters_;
  std::vector<std::pair<int, MentionExtractor>> extractors_;
  std::vector<std::pair<int, std::string>> toolArguments_;
  Mentions mentions_;
  std::vector<Finding> findings_;
  bool finished_ = false;
};

// Every string value in a JSON text (tool-call arguments), for scanning.
void scanJsonStrings(std::string_view json, MentionExtractor& extractor, Mentions& out);

}  // namespace gateos::plugins::stages::dependency_insight

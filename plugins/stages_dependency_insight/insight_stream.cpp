#include "insight_stream.h"

#include "insight_plugin.h"

namespace gateos::plugins::stages::dependency_insight {

InsightStream::InsightStream(sdk::RequestContext& context, std::shared_ptr<const RiskData> data, Profile profile,
                             std::set<std::string> reported, sdk::AlertSink& alerts, sdk::Counter* const* counters)
    : context_(context),
      data_(std::move(data)),
      profile_(profile),
      reported_(std::move(reported)),
      alerts_(alerts),
      counters_(counters) {}

MentionExtractor& InsightStream::extractorFor(int index) {
  for (auto& [i, extractor] : extractors_)
    if (i == index) return extractor;
  extractors_.emplace_back(index, MentionExtractor());
  return extractors_.back().second;
}

void InsightStream::collect() {
  if (mentions_.empty()) return;
  auto found = assess(*data_, profile_, mentions_, reported_);
  mentions_.clear();
  for (auto& f : found) findings_.push_back(std::move(f));
}

void InsightStream::onEvent(const sdk::StreamEvent& event, sdk::EventSink& next) noexcept {
  // The answer's notice must exist before kFinish reaches the kernel's notice
  // renderer; everything else goes on first and is only read afterwards.
  if (event.type == sdk::StreamEvent::Type::kFinish) finish();
  next.emit(event);
  try {
    switch (event.type) {
      case sdk::StreamEvent::Type::kTextDelta:
        extractorFor(event.index).feed(event.text, mentions_);
        collect();
        break;
      case sdk::StreamEvent::Type::kToolCallStart:
        toolArguments_.emplace_back(event.index, std::string());
        break;
      case sdk::StreamEvent::Type::kToolCallDelta:
        for (auto& [i, args] : toolArguments_)
          if (i == event.index && args.size() + event.text.size() <= kMaxToolArguments) args.append(event.text);
        break;
      default:
        break;
    }
  } catch (...) {
    // Scanning is best effort; the answer itself is never disturbed.
  }
}

void InsightStream::onEnd(sdk::EventSink& next) noexcept {
  (void)next;
  finish();
}

void InsightStream::finish() noexcept {
  if (finished_) return;
  finished_ = true;
  try {
    for (auto& [i, extractor] : extractors_) extractor.finish(mentions_);
    for (auto& [i, args] : toolArguments_) {
      MentionExtractor extractor;
      scanJsonStrings(args, extractor, mentions_);
    }
    collect();
    if (findings_.empty()) return;
    for (const auto& f : findings_)
      if (auto* c = counters_[static_cast<std::size_t>(f.kind)]) c->add();
    if (auto alert = alertFor(findings_, "answer", false)) {
      alert->requestId = context_.requestId;
      alert->workspace = context_.workspace;
      if (!context_.keyId.empty()) alert->detail["key_id"] = context_.keyId;
      alerts_.raise(std::move(*alert));
    }
    if (profile_.notice) {
      sdk::Notice notice;
      notice.source = std::string(kPluginId);
      notice.text = noticeText(findings_, false);
      notice.beforeAnswer = false;
      context_.notices.push_back(std::move(notice));
    }
  } catch (...) {
  }
}

void scanJsonStrings(std::string_view json, MentionExtractor& extractor, Mentions& out) {
  auto parsed = sdk::Json::parse(json, nullptr, false);
  if (parsed.is_discarded()) {
    extractor.scan(json, out);  // partial JSON: still worth a look
    return;
  }
  std::vector<const sdk::Json*> stack{&parsed};
  while (!stack.empty()) {
    const sdk::Json* v = stack.back();
    stack.pop_back();
    if (v->is_string()) {
      extractor.reset();
      extractor.scan(v->get_ref<const std::string&>(), out);
    } else if (v->is_structured()) {
      for (const auto& item : *v) stack.push_back(&item);
    }
  }
}

}  // namespace gateos::plugins::stages::dependency_insight

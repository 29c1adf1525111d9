// DependencyInsightPlugin: the per-request part (prefilter, request scan,
// block mode, opening the answer scan).
#include "extract/mention_extractor.h"
#include "findings.h"
#include "insight_plugin.h"
#include "insight_stream.h"

namespace gateos::plugins::stages::dependency_insight {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

// Words without which a body cannot name a package the extractors would find.
bool mayNamePackages(std::string_view body) {
  static constexpr std::string_view kWords[] = {"import",      "require",  "install", "from ", "use ",
                                                "ependencies", "dependency", "gem ",  "go get", "cargo add",
                                                "==",          " add ",    "npx ",    "crate"};
  for (auto w : kWords)
    if (body.find(w) != std::string_view::npos) return true;
  return false;
}

}  // namespace

bool DependencyInsightPlugin::wantsRequest(const sdk::RequestContext& context, std::string_view rawBody) noexcept {
  try {
    if (!config_) return false;
    const Profile& p = config_->resolve(context.workspace);
    if (!p.enabled) return false;
    // Answers can only be scanned when the request takes the stage path.
    if (p.scanAnswers) return true;
    return p.scanRequests && mayNamePackages(rawBody);
  } catch (...) {
    return true;
  }
}

Status DependencyInsightPlugin::onRequest(sdk::RequestContext& context, sdk::ChatRequest& request) noexcept {
  try {
    if (!config_) return {};
    const Profile& p = config_->resolve(context.workspace);
    auto data = data_.load();
    if (!p.enabled || !p.scanRequests || !data || data->empty()) return {};

    // Only the new turn: what came after the model's last answer. Earlier
    // turns were reported when they were new.
    std::size_t first = 0;
    for (std::size_t i = 0; i < request.messages.size(); ++i)
      if (request.messages[i].role == sdk::Role::kAssistant) first = i + 1;
    Mentions mentions;
    MentionExtractor extractor;
    for (std::size_t i = first; i < request.messages.size(); ++i)
      for (const auto& block : request.messages[i].content)
        if (block.type == sdk::ContentBlock::Type::kText || block.type == sdk::ContentBlock::Type::kToolResult) {
          extractor.reset();
          extractor.scan(block.text, mentions);
        }
    std::set<std::string> reported;
    auto findings = assess(*data, p, mentions, reported);
    if (findings.empty()) return {};

    for (const auto& f : findings)
      if (auto* c = findingsCounter_[static_cast<std::size_t>(f.kind)]) c->add();
    std::string maliciousNames;
    for (const auto& f : findings)
      if (f.definitelyMalicious())
        maliciousNames += (maliciousNames.empty() ? "" : ", ") + std::string(ecosystemName(f.ecosystem)) + " " + f.name;
    const bool block = p.mode == Mode::kBlock && !maliciousNames.empty();
    if (auto alert = alertFor(findings, "request", block)) {
      alert->requestId = context.requestId;
      alert->workspace = context.workspace;
      if (!context.keyId.empty()) alert->detail["key_id"] = context.keyId;
      host_->alerts().raise(std::move(*alert));
    }
    if (block) {
      if (blocked_) blocked_->add();
      return Status(StatusCode::kPermissionDenied, "request blocked: it names a malicious package (" + maliciousNames + ")")
          .withReason("malicious_package");
    }
    if (p.notice) {
      sdk::Notice notice;
      notice.source = std::string(kPluginId);
      notice.text = noticeText(findings, true);
      notice.beforeAnswer = true;
      context.notices.push_back(std::move(notice));
    }
    Json keys = Json::array();
    for (const auto& key : reported) keys.push_back(key);
    context.annotations[std::string(kPluginId)] = {{"findings", findings.size()}, {"reported", std::move(keys)}};
    return {};
  } catch (...) {
    // Advice, not a gate: a failed scan lets the request through.
    return {};
  }
}

std::unique_ptr<sdk::StageStream> DependencyInsightPlugin::openResponse(sdk::RequestContext& context) noexcept {
  try {
    if (!config_ || !host_) return nullptr;
    const Profile& p = config_->resolve(context.workspace);
    auto data = data_.load();
    if (!p.enabled || !p.scanAnswers || !data || data->empty()) return nullptr;
    std::set<std::string> reported;
    if (auto it = context.annotations.find(std::string(kPluginId)); it != context.annotations.end() && it->is_object())
      if (auto keys = it->find("reported"); keys != it->end() && keys->is_array())
        for (const auto& k : *keys)
          if (k.is_string()) reported.insert(k.get<std::string>());
    return std::make_unique<InsightStream>(context, std::move(data), p, std::move(reported), host_->alerts(),
                                           findingsCounter_);
  } catch (...) {
    return nullptr;
  }
}

}  // namespace gateos::plugins::stages::dependency_insight

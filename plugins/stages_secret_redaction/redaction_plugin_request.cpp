// SecretRedactionPlugin: the per-request part (redact, block, report, restore).
#include <sodium.h>

#include <algorithm>

#include "redaction_plugin.h"
#include "request_redactor.h"
#include "restore_stream.h"

namespace gateos::plugins::stages::secret_redaction {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

std::string shortHash(std::string_view value) {
  unsigned char h[32];
  crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(value.data()), value.size(), nullptr, 0);
  char out[9];
  sodium_bin2hex(out, sizeof out, h, 4);
  return out;
}

std::string countOf(std::size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

std::string joinUnique(const std::vector<std::string>& items) {
  std::vector<std::string> seen;
  for (const auto& i : items)
    if (std::find(seen.begin(), seen.end(), i) == seen.end()) seen.push_back(i);
  std::string out;
  for (const auto& i : seen) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

Status SecretRedactionPlugin::redact(sdk::RequestContext& context, sdk::ChatRequest& request, const Resolved& settings,
                                     const DocumentFindings* document) noexcept {
  const Scanner& scanner = *settings.profile->scanner;
  RequestRedactor redactor(scanner);
  auto found = redactor.find(request, document);
  if (found.empty()) return {};

  // What the security log and the error may say: detector, kind, where, a short
  // hash. Never the value.
  std::vector<std::string> kinds, locations;
  kinds.reserve(found.size());
  locations.reserve(found.size());
  Json findings = Json::array();
  findings.get_ref<Json::array_t&>().reserve(found.size());
  for (const auto& o : found) {
    const auto& spec = scanner.detector(o.detector).spec();
    kinds.push_back(spec.kind);
    locations.push_back(RequestRedactor::location(request, o));
    // Built in place, keys in their map order, each appended at the end
    // (nlohmann's initializer lists copy every element, operator[] searches).
    auto& f = findings.emplace_back(Json::object()).get_ref<Json::object_t&>();
    f.emplace_hint(f.end(), "block", o.block);
    f.emplace_hint(f.end(), "category", spec.category);
    f.emplace_hint(f.end(), "detector", spec.id);
    f.emplace_hint(f.end(), "hash", shortHash(o.value));
    f.emplace_hint(f.end(), "kind", spec.kind);
    f.emplace_hint(f.end(), "length", o.end - o.start);
    f.emplace_hint(f.end(), "location", locations.back());
    f.emplace_hint(f.end(), "message", o.message);
    f.emplace_hint(f.end(), "offset", o.start);
  }
  const bool block = settings.mode == Mode::kBlock;
  sdk::Alert alert;
  alert.severity = block ? sdk::AlertSeverity::kCritical : sdk::AlertSeverity::kWarning;
  alert.kind = block ? "secret_blocked" : "secret_redacted";
  alert.requestId = context.requestId;
  alert.workspace = context.workspace;
  alert.message = countOf(found.size(), "secret") + " (" + joinUnique(kinds) + ") " +
                  (block ? "blocked" : "redacted") + " in " + joinUnique(locations);
  alert.detail = Json::object();
  alert.detail["mode"] = block ? "block" : "redact";
  alert.detail["count"] = found.size();
  alert.detail["findings"] = std::move(findings);
  if (!context.keyId.empty()) alert.detail["key_id"] = context.keyId;

  if (block) {
    for (auto& o : found) wipeString(o.value);
    host_->alerts().raise(std::move(alert));
    blocked_->add();
    return Status(StatusCode::kPermissionDenied, "request blocked: " + countOf(found.size(), "secret") + " (" +
                                                     joinUnique(kinds) + ") found in " + joinUnique(locations))
        .withReason("secret_detected");
  }

  // The key is taken from the request as the client sent it, before rewriting.
  const std::string key = conversationKey(context, request);
  auto conversation = store_->open(key);
  redactor.apply(request, found, *conversation);
  RequestRedactor::addSystemNotice(request);
  for (auto& o : found) wipeString(o.value);

  for (const auto& kind : kinds)
    if (auto it = redactedByKind_.find(kind); it != redactedByKind_.end()) it->second->add();
  alert.detail["conversation"] = key.substr(0, 12);
  host_->alerts().raise(std::move(alert));
  const std::string_view userAgent = context.headers ? context.headers->get("user-agent") : std::string_view();
  if (settings.noticeFor(context.client.id, userAgent)) {
    sdk::Notice notice;
    notice.source = std::string(kPluginId);
    notice.text = "GateOS kept " + countOf(found.size(), "secret") + " from reaching the model";
    notice.beforeAnswer = true;
    context.notices.push_back(std::move(notice));
  }
  Json& annotation = context.annotations[std::string(kPluginId)];
  annotation = Json::object();
  annotation["redacted"] = found.size();
  annotation["kinds"] = std::move(kinds);
  annotation["conversation"] = key;
  return {};
}

std::unique_ptr<sdk::StageStream> SecretRedactionPlugin::openResponse(sdk::RequestContext& context) noexcept {
  try {
    if (!store_) return nullptr;
    auto it = context.annotations.find(std::string(kPluginId));
    if (it == context.annotations.end() || !it->is_object() || !it->contains("conversation")) return nullptr;
    auto conversation = store_->find((*it)["conversation"].get<std::string>());
    if (!conversation) return nullptr;
    return std::make_unique<RestoreStream>(std::move(conversation));
  } catch (...) {
    return nullptr;
  }
}

}  // namespace gateos::plugins::stages::secret_redaction

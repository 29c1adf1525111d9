// Gemini errors, finish reasons, usage, model lists and tool-call ids.
#include <charconv>
#include <cmath>

#include "gateos/sdk/codec/gemini.h"
#include "gateos/sdk/codec/openai_chat.h"

namespace gateos::sdk::codec::gemini {
namespace {

constexpr std::string_view kSignatureMark = "__ts__";

int64_t intField(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_number_integer() ? it->get<int64_t>() : 0;
}

// "35s" / "1.5s" → whole seconds, rounded up.
std::optional<int> parseDelay(std::string_view text) {
  if (text.empty() || text.back() != 's') return std::nullopt;
  text.remove_suffix(1);
  double seconds = 0;
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || p != text.data() + text.size() || seconds < 0) return std::nullopt;
  return static_cast<int>(std::ceil(seconds));
}

bool contextTooLong(std::string_view message) {
  return message.find("exceeds the maximum number of tokens") != std::string_view::npos ||
         message.find("input token count") != std::string_view::npos ||
         message.find("too long") != std::string_view::npos;
}

bool detailReason(const Json& details, std::string_view reason) {
  if (!details.is_array()) return false;
  for (const auto& d : details)
    if (d.is_object() && d.contains("reason") && d["reason"] == reason) return true;
  return false;
}

std::string toBase64Url(std::string_view b64) {
  std::string out;
  out.reserve(b64.size());
  for (char c : b64) {
    if (c == '=') break;
    out.push_back(c == '+' ? '-' : c == '/' ? '_' : c);
  }
  return out;
}

std::string fromBase64Url(std::string_view b64url) {
  std::string out;
  out.reserve(b64url.size() + 3);
  for (char c : b64url) out.push_back(c == '-' ? '+' : c == '_' ? '/' : c);
  while (out.size() % 4 != 0) out.push_back('=');
  return out;
}

}  // namespace

FinishReason finishReasonFromString(std::string_view r, bool calledFunction) noexcept {
  if (r == "MAX_TOKENS") return FinishReason::kLength;
  if (r == "SAFETY" || r == "RECITATION" || r == "BLOCKLIST" || r == "PROHIBITED_CONTENT" || r == "SPII" ||
      r == "IMAGE_SAFETY")
    return FinishReason::kContentFilter;
  if (r == "MALFORMED_FUNCTION_CALL" || r == "UNEXPECTED_TOOL_CALL") return FinishReason::kError;
  return calledFunction ? FinishReason::kToolCalls : FinishReason::kStop;
}

Usage usageFromJson(const Json& u) {
  Usage usage;
  if (!u.is_object()) return usage;
  usage.inputTokens = intField(u, "promptTokenCount") + intField(u, "toolUsePromptTokenCount");
  usage.cacheReadTokens = intField(u, "cachedContentTokenCount");
  usage.reasoningTokens = intField(u, "thoughtsTokenCount");
  usage.outputTokens = intField(u, "candidatesTokenCount") + usage.reasoningTokens;
  return usage;
}

Status statusFromUpstreamError(int httpStatus, std::string_view body, const Headers& headers) {
  // Message, HTML pages and the retry-after header as the OpenAI parser reads them.
  Status base = openai_chat::statusFromUpstreamError(httpStatus, body, headers);
  Json root = Json::parse(body, nullptr, false);
  // streamGenerateContent answers errors as a JSON array of one.
  if (root.is_array() && !root.empty()) root = root[0];
  const Json* err = nullptr;
  if (root.is_object())
    if (auto e = root.find("error"); e != root.end() && e->is_object()) err = &*e;
  std::string rpcStatus;
  Json details;
  std::string message = base.message();
  if (err != nullptr) {
    if (auto s = err->find("status"); s != err->end() && s->is_string()) rpcStatus = s->get<std::string>();
    if (auto m = err->find("message"); m != err->end() && m->is_string()) message = m->get<std::string>();
    if (auto d = err->find("details"); d != err->end()) details = *d;
  }
  Status status(base.code(), message);
  status.withHttpStatus(httpStatus);
  if (!rpcStatus.empty()) status.withReason(rpcStatus);
  if (base.retryAfterSeconds()) status.withRetryAfter(*base.retryAfterSeconds());
  if (details.is_array()) {
    for (const auto& d : details) {
      if (!d.is_object() || d.value("@type", "") != "type.googleapis.com/google.rpc.RetryInfo") continue;
      if (auto delay = d.find("retryDelay"); delay != d.end() && delay->is_string() && !status.retryAfterSeconds())
        if (auto seconds = parseDelay(delay->get_ref<const std::string&>())) status.withRetryAfter(*seconds);
    }
  }
  if (httpStatus == 400 && (detailReason(details, "API_KEY_INVALID") || message.find("API key not valid") != std::string::npos)) {
    // Google answers a bad key with 400; every client expects 401 for it.
    Status auth(StatusCode::kUnauthenticated, message);
    auth.withHttpStatus(401).withReason("API_KEY_INVALID");
    return auth;
  }
  if (httpStatus == 400 && contextTooLong(message)) status.withReason("context_length_exceeded");
  if (httpStatus == 503) status.withErrorType("overloaded_error");  // Anthropic clients retry on it
  return status;
}

Result<std::vector<ModelInfo>> parseModelList(std::string_view body) {
  auto root = Json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object() || (root.contains("models") && !root["models"].is_array()))
    return Status(StatusCode::kUpstreamError, "model list: expected {\"models\": [...]}");
  std::vector<ModelInfo> out;
  if (!root.contains("models")) return out;
  for (const auto& m : root["models"]) {
    if (!m.is_object() || !m.contains("name") || !m["name"].is_string()) continue;
    if (auto methods = m.find("supportedGenerationMethods"); methods != m.end() && methods->is_array()) {
      bool generates = false;
      for (const auto& x : *methods) generates = generates || x == "generateContent";
      if (!generates) continue;  // embedding and other models
    }
    std::string name = m["name"].get<std::string>();
    ModelInfo info;
    info.id = name.starts_with("models/") ? name.substr(7) : name;
    info.ownedBy = "google";
    for (const char* key : {"displayName", "inputTokenLimit", "outputTokenLimit"})
      if (auto v = m.find(key); v != m.end()) info.extra[key] = *v;
    out.push_back(std::move(info));
  }
  return out;
}

std::string toolCallId(std::string_view baseId, std::string_view thoughtSignature) {
  std::string id(baseId);
  if (!thoughtSignature.empty()) {
    id += kSignatureMark;
    id += toBase64Url(thoughtSignature);
  }
  return id;
}

std::pair<std::string, std::string> splitToolCallId(std::string_view id) {
  auto mark = id.find(kSignatureMark);
  if (mark == std::string_view::npos) return {std::string(id), {}};
  return {std::string(id.substr(0, mark)), fromBase64Url(id.substr(mark + kSignatureMark.size()))};
}

}  // namespace gateos::sdk::codec::gemini

// Errors, stop reasons and usage of the Anthropic Messages format.
#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/openai_chat.h"
#include "json_text.h"

namespace gateos::sdk::codec::anthropic_messages {
namespace {

constexpr std::string_view kErrorTypes[] = {
    "invalid_request_error", "authentication_error", "billing_error",    "permission_error", "not_found_error",
    "request_too_large",     "rate_limit_error",     "timeout_error",    "api_error",        "overloaded_error"};

bool isAnthropicType(std::string_view type) {
  for (auto t : kErrorTypes)
    if (t == type) return true;
  return false;
}

int64_t intField(const Json& o, const char* key) {
  auto it = o.find(key);
  return it != o.end() && it->is_number() ? it->get<int64_t>() : 0;
}

}  // namespace

std::string_view errorTypeFor(const Status& status) {
  int http = httpStatusOf(status);
  // A type from the upstream only where it agrees with the status: OpenAI
  // answers a bad key with 401 and "invalid_request_error", which an Anthropic
  // client must see as authentication_error.
  if (std::string_view type = status.errorType(); isAnthropicType(type)) {
    int typed = httpStatusForErrorType(type);
    if (typed == http || (http >= 500 && (typed == 500 || typed == 529))) return type;
  }
  switch (http) {
    case 401: return "authentication_error";
    case 402: return "billing_error";
    case 403: return "permission_error";
    case 404: return "not_found_error";
    case 413: return "request_too_large";
    case 429: return "rate_limit_error";
    case 503:
    case 529: return "overloaded_error";
    case 504: return "timeout_error";
    default: break;
  }
  if (status.code() == StatusCode::kDeadlineExceeded) return "timeout_error";
  return http >= 500 ? "api_error" : "invalid_request_error";
}

int httpStatusForErrorType(std::string_view type) noexcept {
  if (type == "invalid_request_error") return 400;
  if (type == "authentication_error") return 401;
  if (type == "billing_error") return 402;
  if (type == "permission_error") return 403;
  if (type == "not_found_error") return 404;
  if (type == "request_too_large") return 413;
  if (type == "rate_limit_error") return 429;
  if (type == "timeout_error") return 504;
  if (type == "overloaded_error") return 529;
  return 500;
}

std::string errorBody(const Status& status) {
  std::string out = R"({"type":"error","error":{"type":)";
  detail::appendJsonString(out, errorTypeFor(status));
  out += R"(,"message":)";
  detail::appendJsonString(out, status.message().empty() ? std::string_view("error") : status.message());
  out += "}}";
  return out;
}

Status statusFromUpstreamError(int httpStatus, std::string_view body, const Headers& headers) {
  // Anthropic nests {"type","message"} under "error" exactly as OpenAI does, so
  // the OpenAI parser reads it (and HTML pages, retry-after, retry-after-ms).
  Status status = openai_chat::statusFromUpstreamError(httpStatus, body, headers);
  // Anthropic says "prompt is too long"; clients (Codex …) look for OpenAI's code.
  if (httpStatus == 400 && status.reason().empty() && status.message().find("prompt is too long") != std::string::npos)
    status.withReason("context_length_exceeded");
  if (httpStatus == 529) {  // overloaded: retryable, keeps its 529 for Anthropic clients
    Status overloaded(StatusCode::kUnavailable, status.message());
    overloaded.withHttpStatus(529).withErrorType(status.errorType().empty() ? "overloaded_error" : status.errorType());
    if (status.retryAfterSeconds()) overloaded.withRetryAfter(*status.retryAfterSeconds());
    return overloaded;
  }
  return status;
}

FinishReason finishReasonFromString(std::string_view r) noexcept {
  if (r == "end_turn" || r == "stop_sequence" || r == "pause_turn") return FinishReason::kStop;
  if (r == "max_tokens" || r == "model_context_window_exceeded") return FinishReason::kLength;
  if (r == "tool_use") return FinishReason::kToolCalls;
  if (r == "refusal") return FinishReason::kContentFilter;
  return FinishReason::kStop;
}

std::string_view finishReasonToString(FinishReason reason) noexcept {
  switch (reason) {
    case FinishReason::kLength: return "max_tokens";
    case FinishReason::kToolCalls: return "tool_use";
    case FinishReason::kContentFilter: return "refusal";
    case FinishReason::kNone:
    case FinishReason::kStop:
    case FinishReason::kError: return "end_turn";
  }
  return "end_turn";
}

Usage usageFromJson(const Json& u) {
  Usage usage;
  mergeUsage(usage, u);
  return usage;
}

void mergeUsage(Usage& into, const Json& u) {
  if (!u.is_object()) return;
  int64_t plain = into.inputTokens - into.cacheReadTokens - into.cacheWriteTokens;
  if (u.contains("input_tokens")) plain = intField(u, "input_tokens");
  if (u.contains("cache_read_input_tokens")) into.cacheReadTokens = intField(u, "cache_read_input_tokens");
  if (u.contains("cache_creation_input_tokens")) into.cacheWriteTokens = intField(u, "cache_creation_input_tokens");
  if (u.contains("output_tokens")) into.outputTokens = intField(u, "output_tokens");
  into.inputTokens = std::max<int64_t>(plain, 0) + into.cacheReadTokens + into.cacheWriteTokens;
}

Json usageToJson(const Usage& usage) {
  Json u = Json::object();
  u["input_tokens"] = std::max<int64_t>(usage.inputTokens - usage.cacheReadTokens - usage.cacheWriteTokens, 0);
  u["cache_creation_input_tokens"] = usage.cacheWriteTokens;
  u["cache_read_input_tokens"] = usage.cacheReadTokens;
  u["output_tokens"] = usage.outputTokens;
  return u;
}

}  // namespace gateos::sdk::codec::anthropic_messages

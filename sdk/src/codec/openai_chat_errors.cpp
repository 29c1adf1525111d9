// errorBody and statusFromUpstreamError: OpenAI-style error objects.
#include <cctype>
#include <charconv>

#include "gateos/sdk/codec/openai_chat.h"
#include "json_text.h"

namespace gateos::sdk::codec::openai_chat {
namespace {

constexpr std::size_t kExcerptChars = 200;

std::string_view defaultType(const Status& status) {
  int http = httpStatusOf(status);
  if (http == 401) return "authentication_error";
  if (http == 403) return "permission_error";
  if (http == 429) return status.reason() == "insufficient_quota" ? "insufficient_quota" : "rate_limit_error";
  if (http == 408 || http == 504 || status.code() == StatusCode::kDeadlineExceeded) return "timeout";
  if (http >= 500) return "api_error";
  return "invalid_request_error";
}

StatusCode codeForHttp(int http) {
  switch (http) {
    case 400: case 422: return StatusCode::kInvalidArgument;
    case 401: return StatusCode::kUnauthenticated;
    case 403: return StatusCode::kPermissionDenied;
    case 404: return StatusCode::kNotFound;
    case 409: return StatusCode::kConflict;
    case 413: return StatusCode::kPayloadTooLarge;
    case 429: return StatusCode::kRateLimited;
    case 408: case 504: return StatusCode::kDeadlineExceeded;
    case 502: case 503: return StatusCode::kUnavailable;
    default: return http >= 500 ? StatusCode::kUpstreamError : StatusCode::kInvalidArgument;
  }
}

// A readable one-liner from a non-JSON body: the HTML <title> if any, else the
// text with tags stripped and whitespace collapsed, cut to kExcerptChars.
std::string excerpt(std::string_view body) {
  std::string lower;
  std::string_view scan = body.substr(0, 64 * 1024);
  lower.reserve(scan.size());
  for (char c : scan) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  if (auto t = lower.find("<title>"); t != std::string::npos) {
    auto e = lower.find("</title>", t);
    if (e != std::string::npos) scan = scan.substr(t + 7, e - t - 7);
  }
  std::string out;
  bool inTag = false;
  bool space = false;
  for (char c : scan) {
    if (c == '<') { inTag = true; continue; }
    if (c == '>') { inTag = false; space = true; continue; }
    if (inTag) continue;
    if (std::isspace(static_cast<unsigned char>(c))) { space = true; continue; }
    if (space && !out.empty()) out.push_back(' ');
    space = false;
    out.push_back(c);
    if (out.size() >= kExcerptChars) {
      // Do not cut a UTF-8 sequence in half.
      while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
      if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80)) out.pop_back();
      out += "…";
      break;
    }
  }
  return out;
}

std::optional<int> retryAfter(const Headers& headers) {
  if (auto v = headers.get("retry-after"); !v.empty()) {
    int seconds = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), seconds);
    if (ec == std::errc() && seconds >= 0) return seconds;
    // An HTTP-date is rare from model APIs; not parsed.
  }
  if (auto v = headers.get("retry-after-ms"); !v.empty()) {
    long ms = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), ms);
    if (ec == std::errc() && ms >= 0) return static_cast<int>((ms + 999) / 1000);
  }
  return std::nullopt;
}

std::string scalarText(const Json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_number_integer()) return std::to_string(j.get<int64_t>());
  return {};
}

}  // namespace

std::string errorBody(const Status& status) {
  std::string out = R"({"error":{"message":)";
  detail::appendJsonString(out, status.message().empty() ? std::string_view("error") : status.message());
  out += R"(,"type":)";
  detail::appendJsonString(out, status.errorType().empty() ? defaultType(status) : status.errorType());
  out += R"(,"param":)";
  if (status.param().empty()) out += "null";
  else detail::appendJsonString(out, status.param());
  out += R"(,"code":)";
  if (status.reason().empty()) out += "null";
  else detail::appendJsonString(out, status.reason());
  out += "}}";
  return out;
}

Status statusFromUpstreamError(int httpStatus, std::string_view body, const Headers& headers) {
  std::string message;
  std::string type;
  std::string code;
  std::string param;
  Json root = Json::parse(body, nullptr, false);
  if (!root.is_discarded() && root.is_object()) {
    const Json* err = &root;
    if (auto e = root.find("error"); e != root.end()) {
      if (e->is_object()) err = &*e;
      else if (e->is_string()) message = e->get<std::string>();  // {"error": "text"} (llama.cpp, ollama)
    }
    if (message.empty()) {
      if (auto m = err->find("message"); m != err->end()) message = scalarText(*m);
      else if (auto d = err->find("detail"); d != err->end()) message = d->is_string() ? d->get<std::string>() : d->dump();
    }
    if (auto t = err->find("type"); t != err->end()) type = scalarText(*t);
    if (auto c = err->find("code"); c != err->end()) code = scalarText(*c);
    if (auto p = err->find("param"); p != err->end()) param = scalarText(*p);
  }
  if (message.empty()) {
    std::string text = excerpt(body);
    message = "http " + std::to_string(httpStatus) + (text.empty() ? "" : ": " + text);
  }
  Status status(codeForHttp(httpStatus), std::move(message));
  status.withHttpStatus(httpStatus);
  if (!type.empty()) status.withErrorType(std::move(type));
  if (!code.empty()) status.withReason(std::move(code));
  if (!param.empty()) status.withParam(std::move(param));
  if (auto ra = retryAfter(headers)) status.withRetryAfter(*ra);
  return status;
}

}  // namespace gateos::sdk::codec::openai_chat

#pragma once
// Status and Result<T>: how errors cross plugin boundaries and travel on the
// request path (no exceptions there). Messages chain context in lower case:
// "configure drivers.ollama: base_url: invalid URL".

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace gateos::sdk {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // 400: malformed or wrongly typed input
  kUnauthenticated,     // 401: missing or unknown key
  kPermissionDenied,    // 403
  kNotFound,            // 404: unknown model, route or object
  kConflict,            // 409
  kPayloadTooLarge,     // 413
  kRateLimited,         // 429
  kCancelled,           // client went away
  kDeadlineExceeded,    // 504: upstream timeout
  kUnavailable,         // 502/503: upstream unreachable or overloaded
  kUpstreamError,       // upstream answered with an error; httpStatus() keeps its status
  kFailedPrecondition,  // operation not allowed in the current state
  kUnimplemented,       // feature cannot be served (e.g. cannot be translated)
  kInternal,            // a bug or a broken plugin
};

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status ok() { return {}; }

  bool isOk() const noexcept { return code_ == StatusCode::kOk; }
  explicit operator bool() const noexcept { return isOk(); }
  StatusCode code() const noexcept { return code_; }
  const std::string& message() const noexcept { return message_; }

  // Machine-readable reason in the client's error vocabulary, e.g. "model_not_found".
  const std::string& reason() const noexcept { return reason_; }
  Status& withReason(std::string reason) & { reason_ = std::move(reason); return *this; }
  Status&& withReason(std::string reason) && { reason_ = std::move(reason); return std::move(*this); }

  // HTTP status to answer with; 0 means "derive from code()". Upstream errors keep theirs.
  int httpStatus() const noexcept { return httpStatus_; }
  Status& withHttpStatus(int status) & { httpStatus_ = status; return *this; }
  Status&& withHttpStatus(int status) && { httpStatus_ = status; return std::move(*this); }

  // Upstream error type (OpenAI "type", Anthropic "error.type"), kept for the client.
  const std::string& errorType() const noexcept { return errorType_; }
  Status&& withErrorType(std::string type) && { errorType_ = std::move(type); return std::move(*this); }
  Status& withErrorType(std::string type) & { errorType_ = std::move(type); return *this; }

  // The request field the error is about (OpenAI "param"), e.g. "messages[2].content".
  const std::string& param() const noexcept { return param_; }
  Status& withParam(std::string param) & { param_ = std::move(param); return *this; }
  Status&& withParam(std::string param) && { param_ = std::move(param); return std::move(*this); }

  // Seconds from a retry-after header, kept on 429/503.
  const std::optional<int>& retryAfterSeconds() const noexcept { return retryAfter_; }
  Status&& withRetryAfter(int seconds) && { retryAfter_ = seconds; return std::move(*this); }
  Status& withRetryAfter(int seconds) & { retryAfter_ = seconds; return *this; }

  // Prefixes context: Status(...).prefixed("configure drivers.openai").
  Status prefixed(const std::string& context) const {
    Status s = *this;
    s.message_ = context + ": " + message_;
    return s;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string reason_;
  std::string errorType_;
  std::string param_;
  int httpStatus_ = 0;
  std::optional<int> retryAfter_;
};

// HTTP status for a code, used when Status::httpStatus() is 0.
constexpr int defaultHttpStatus(StatusCode code) noexcept {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kConflict: return 409;
    case StatusCode::kPayloadTooLarge: return 413;
    case StatusCode::kRateLimited: return 429;
    case StatusCode::kCancelled: return 499;
    case StatusCode::kDeadlineExceeded: return 504;
    case StatusCode::kUnavailable: return 502;
    case StatusCode::kUpstreamError: return 502;
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kUnimplemented: return 501;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

inline int httpStatusOf(const Status& s) noexcept {
  return s.httpStatus() != 0 ? s.httpStatus() : defaultHttpStatus(s.code());
}

// A value or the Status explaining why there is none.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}            // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}     // NOLINT(google-explicit-constructor)

  bool isOk() const noexcept { return v_.index() == 0; }
  explicit operator bool() const noexcept { return isOk(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }

  const Status& status() const& {
    static const Status kOkStatus;
    return isOk() ? kOkStatus : std::get<1>(v_);
  }

 private:
  std::variant<T, Status> v_;
};

}  // namespace gateos::sdk

#include "net/upstream_exchange.h"

#include <boost/asio/post.hpp>

#include "net/upstream_pool.h"

namespace gateos::kernel::net {
namespace http = boost::beast::http;

namespace {

bool validHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (unsigned char c : name)
    if (c <= 0x20 || c >= 0x7f || c == ':') return false;
  return true;
}

// CR, LF or NUL in a value would split the request (header injection).
bool validHeaderValue(std::string_view value) {
  for (char c : value)
    if (c == '\r' || c == '\n' || c == '\0') return false;
  return true;
}

// Set by the client itself from the body, or never sent (we do not wait for 100-continue).
bool managedHeader(std::string_view name) {
  return sdk::Headers::equalsIgnoreCase(name, "content-length") ||
         sdk::Headers::equalsIgnoreCase(name, "transfer-encoding") || sdk::Headers::equalsIgnoreCase(name, "expect");
}

const char* phaseName(int phase) {
  switch (phase) {
    case 0: return "connect";
    case 1: return "first byte";
    case 2: return "idle";
    default: return "total";
  }
}

}  // namespace

UpstreamExchange::UpstreamExchange(boost::asio::io_context& context, std::shared_ptr<const UpstreamClientShared> shared,
                                   sdk::HttpRequest request, std::shared_ptr<sdk::HttpResponseHandler> handler)
    : context_(context),
      shared_(std::move(shared)),
      handler_(std::move(handler)),
      timeouts_(request.timeouts),
      timer_(context) {
  auto url = parseUpstreamUrl(request.url);
  if (!url) {
    initError_ = url.status();
    return;
  }
  url_ = std::move(url).value();
  if (url_.tls && !shared_->tls) {
    initError_ = sdk::Status(sdk::StatusCode::kInternal, "https is not available: no tls context");
    return;
  }
  poolKey_ = shared_->poolKeyPrefix + url_.authority();
  buildRequest(request);
}

UpstreamExchange::~UpstreamExchange() = default;

void UpstreamExchange::buildRequest(sdk::HttpRequest& request) {
  if (request.method.empty() || !validHeaderName(request.method)) {
    initError_ = sdk::Status(sdk::StatusCode::kInvalidArgument, "invalid http method '" + request.method + "'");
    return;
  }
  const auto verb = http::string_to_verb(request.method);
  if (verb == http::verb::unknown)
    request_.method_string(request.method);
  else
    request_.method(verb);
  headRequest_ = verb == http::verb::head;
  request_.target(url_.target);
  request_.version(11);
  if (!request.headers.has("host")) request_.set(http::field::host, url_.hostHeader);
  for (const auto& [name, value] : request.headers) {
    if (!validHeaderName(name) || !validHeaderValue(value)) {
      initError_ = sdk::Status(sdk::StatusCode::kInvalidArgument, "invalid request header '" + name + "'");
      return;
    }
    if (managedHeader(name)) continue;
    if (sdk::Headers::equalsIgnoreCase(name, "connection") && value.find("close") != std::string::npos)
      requestWantsClose_ = true;
    request_.insert(name, value);
  }
  const bool bodyExpected = verb == http::verb::post || verb == http::verb::put || verb == http::verb::patch;
  if (!request.body.empty() || bodyExpected) request_.content_length(request.body.size());
  request_.body() = std::move(request.body);  // moved, never copied
}

void UpstreamExchange::start() {
  if (started_) return;
  started_ = true;
  if (abort_) return finish(*abort_);  // cancelled while the start was queued
  if (timeouts_.total.count() > 0) totalDeadline_ = Clock::now() + timeouts_.total;
  if (initError_) return finishSoon(*initError_);
  pool_ = &UpstreamPool::of(context_);
  acquireConnection();
}

void UpstreamExchange::cancel() noexcept {
  abort(sdk::Status(sdk::StatusCode::kCancelled, "upstream request cancelled"));
}

void UpstreamExchange::abort(sdk::Status status) noexcept {
  if (done_ || abort_) return;
  abort_ = std::move(status);
  if (resolver_) resolver_->cancel();
  if (connection_) connection_->close();
}

void UpstreamExchange::finishSoon(sdk::Status status) {
  boost::asio::post(context_, [self = shared_from_this(), status = std::move(status)]() mutable {
    self->finish(self->abort_ ? *self->abort_ : std::move(status));
  });
}

void UpstreamExchange::finish(sdk::Status status) noexcept {
  if (done_) return;
  done_ = true;
  ++timerSeq_;
  timerArmed_ = false;
  timer_.cancel();
  resolver_.reset();
  if (connection_) {
    if (status.isOk() && reusableAfterSuccess())
      pool_->put(std::move(connection_), shared_->options.maxIdlePerHost, shared_->options.idleKeepAlive);
    else
      connection_->close();
    connection_.reset();
  }
  auto handler = std::move(handler_);
  if (handler) handler->onComplete(status);
}

bool UpstreamExchange::reusableAfterSuccess() const {
  return parser_ && parser_->is_done() && parser_->keep_alive() && !requestWantsClose_ && connection_->isOpen() &&
         connection_->readBuffer().size() == 0;
}

std::string UpstreamExchange::peer() const {
  const bool ipv6 = url_.host.find(':') != std::string::npos;
  return (ipv6 ? "[" + url_.host + "]" : url_.host) + ":" + std::to_string(url_.port);
}

// Lazy deadline: moving it later (every body read) only updates deadline_; the
// timer, when it fires early, re-arms itself. Only an earlier deadline re-arms now.
void UpstreamExchange::setDeadline(std::chrono::milliseconds phaseTimeout, Phase phase) {
  auto deadline = phaseTimeout.count() > 0 ? Clock::now() + phaseTimeout : Clock::time_point::max();
  phase_ = phase;
  phaseTimeout_ = phaseTimeout;
  if (totalDeadline_ <= deadline) {
    deadline = totalDeadline_;
    phase_ = Phase::kTotal;
    phaseTimeout_ = timeouts_.total;
  }
  deadline_ = deadline;
  if (deadline == Clock::time_point::max()) return;
  if (!timerArmed_ || deadline < timer_.expiry()) armTimer();
}

void UpstreamExchange::armTimer() {
  timer_.expires_at(deadline_);  // cancels a pending wait: its handler sees a stale seq
  const auto seq = ++timerSeq_;
  timerArmed_ = true;
  timer_.async_wait(
      [self = shared_from_this(), seq](const boost::system::error_code& ec) { self->onTimer(seq, ec); });
}

void UpstreamExchange::onTimer(std::uint64_t seq, const boost::system::error_code& ec) {
  if (seq != timerSeq_) return;
  timerArmed_ = false;
  if (done_ || ec || deadline_ == Clock::time_point::max()) return;
  if (Clock::now() < deadline_) return armTimer();
  abort(sdk::Status(sdk::StatusCode::kDeadlineExceeded,
                    std::string("upstream timeout: ") + phaseName(static_cast<int>(phase_)) + " after " +
                        std::to_string(phaseTimeout_.count()) + " ms"));
}

}  // namespace gateos::kernel::net

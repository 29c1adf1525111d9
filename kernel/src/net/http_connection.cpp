#include "net/http_connection.h"

#include <algorithm>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/read_size.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <spdlog/spdlog.h>

#include "net/http_response_writer.h"

namespace gateos::kernel::net {
namespace asio = boost::asio;
namespace http = boost::beast::http;
using asio::redirect_error;
using asio::use_awaitable;
using asio::ip::tcp;

namespace {

// Body reads in pieces this large (Beast reads what the buffer can take, and a
// small buffer made 200 KB prompts ~10x more expensive).
constexpr std::size_t kBodyReadReserve = 64u << 10;
// The background read stops once this much of a pipelined request is buffered.
constexpr std::size_t kPipelineLimit = 64u << 10;
// Read size of the background read (the start of the next request).
constexpr std::size_t kMinReadSize = 4096;
// Idle connections give back buffers grown by a large request.
constexpr std::size_t kKeptBufferCapacity = 16u << 10;
// After an error answer, unread request bytes are drained for a while so that
// closing does not reset the connection before the client read the answer.
constexpr std::chrono::seconds kLingerTime{2};
constexpr std::size_t kLingerBytes = 1u << 20;

// 0: close without an answer (network error, peer closed).
int errorStatus(const boost::system::error_code& ec) {
  static const auto& httpCategory = http::make_error_code(http::error::bad_method).category();
  if (ec.category() != httpCategory) return 0;
  if (ec == http::error::end_of_stream || ec == http::error::partial_message) return 0;
  if (ec == http::error::header_limit) return 431;
  return 400;
}

}  // namespace

HttpConnection::HttpConnection(std::shared_ptr<HttpServerState> state, tcp::socket socket, std::size_t loop)
    : state_(std::move(state)),
      socket_(std::move(socket)),
      loop_(loop),
      deadlineTimer_(socket_.get_executor()),
      wake_(socket_.get_executor()) {
  state_->openConnections.fetch_add(1);
  state_->link(loop_, this);
  boost::system::error_code ec;
  socket_.set_option(tcp::no_delay(true), ec);
  // Lets flush() try a synchronous write first (asynchronous operations are unaffected).
  socket_.non_blocking(true, ec);
  auto endpoint = socket_.remote_endpoint(ec);
  if (!ec) remoteAddress_ = endpoint.address().to_string();
  wake_.expires_at(Clock::time_point::max());
}

HttpConnection::~HttpConnection() {
  // Normally serve() ended in kClosed; this covers frames destroyed with their
  // io_context (no drain bookkeeping then: other loops may be gone already).
  if (phase_ == Phase::kHandling) state_->activeRequests.fetch_sub(1);
  if (phase_ == Phase::kHandling || phase_ == Phase::kReading) state_->busyConnections.fetch_sub(1);
  state_->unlink(loop_, this);
  state_->openConnections.fetch_sub(1);
}

asio::awaitable<void> HttpConnection::run(std::shared_ptr<HttpServerState> state, tcp::socket socket,
                                          std::size_t loop) {
  auto connection = std::make_shared<HttpConnection>(std::move(state), std::move(socket), loop);
  co_await connection->serve();
}

asio::awaitable<void> HttpConnection::serve() {
  boost::system::error_code ec;
  bool linger = false;
  const auto& options = state_->options;
  for (;;) {
    if (closed_ || state_->draining.load()) break;
    // Wait for the next request, unless its first bytes are already buffered.
    if (readPending_) {
      // The disconnect watch of the last response is still reading: it either
      // brings the next request or must stop for the parser to read.
      if (buffer_.size() != 0) {
        readCancelled_ = true;
        socket_.cancel(ec);
      } else {
        setPhase(Phase::kIdle);
        armDeadline(Clock::now() + options.idleTimeout);
      }
      while (readPending_ && !closed_) co_await wake_.async_wait(redirect_error(use_awaitable, ec));
      if (readFailed_ || closed_) break;
    }
    if (buffer_.size() == 0) {
      setPhase(Phase::kIdle);
      armDeadline(Clock::now() + options.idleTimeout);
      std::size_t n = co_await socket_.async_read_some(buffer_.prepare(readSize()), redirect_error(use_awaitable, ec));
      if (ec || closed_) break;
      buffer_.commit(n);
    }
    if (state_->stopped.load()) break;

    setPhase(Phase::kReading);
    armDeadline(Clock::now() + options.requestTimeout);
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(options.maxHeaderBytes, UINT32_MAX)));
    parser_->body_limit(static_cast<std::uint64_t>(options.maxBodyBytes));
    co_await http::async_read_header(socket_, buffer_, *parser_, redirect_error(use_awaitable, ec));
    const auto receivedAt = Clock::now();
    // A content-length over the limit fails here, with the head fully parsed.
    bool tooLarge = ec == http::error::body_limit;
    if (tooLarge) ec = {};
    if (!ec && !tooLarge && !parser_->is_done()) {
      const auto& message = parser_->get();
      auto expect = message[http::field::expect];
      if (message.version() >= 11 && boost::beast::iequals(expect, "100-continue")) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        co_await asio::async_write(socket_, asio::buffer(kContinue.data(), kContinue.size()),
                                   redirect_error(use_awaitable, ec));
      }
      auto length = parser_->content_length();
      std::size_t expected = length ? static_cast<std::size_t>(*length) : kBodyReadReserve;
      if (!ec && expected > buffer_.size() + 512 && buffer_.capacity() - buffer_.size() < kBodyReadReserve)
        buffer_.reserve(buffer_.size() + std::min(expected - buffer_.size(), kBodyReadReserve));
      if (!ec) co_await http::async_read(socket_, buffer_, *parser_, redirect_error(use_awaitable, ec));
      if (ec == http::error::body_limit) {
        tooLarge = true;
        ec = {};
      }
    }
    if (ec) {
      int status = closed_ ? 0 : errorStatus(ec);
      if (status != 0) {
        co_await replyError(status, status == 431 ? "request header too large\n" : "bad request\n");
        linger = true;
      }
      break;
    }

    prepareRequest(tooLarge);
    request_.receivedAt = receivedAt;
    if (buffer_.capacity() > kKeptBufferCapacity && buffer_.size() < kMinReadSize) buffer_.shrink_to_fit();
    setPhase(Phase::kHandling);
    armDeadline(Clock::time_point::max());  // a response may stream for many minutes
    callHandler();
    if (response_ != Response::kDone) startRead();  // notices a disconnect while answering
    while (response_ != Response::kDone && !gone_ && !closed_)
      co_await wake_.async_wait(redirect_error(use_awaitable, ec));
    bool completed = response_ == Response::kDone && !gone_ && !closed_;
    if (!completed || !keepAlive_) {
      linger = completed && tooLarge;
      break;
    }
  }

  if (response_ != Response::kDone && !gone_) markGone(false);
  co_await stopReading();
  if (linger && !closed_) co_await lingeringClose();
  setPhase(Phase::kClosed);
  close();
}

void HttpConnection::prepareRequest(bool tooLarge) {
  auto& message = parser_->get();
  auto& r = request_;
  auto method = message.method_string();
  r.method.assign(method.data(), method.size());
  auto target = message.target();
  r.target.assign(target.data(), target.size());
  auto question = r.target.find('?');
  if (question == std::string::npos) {
    r.path = r.target;
    r.query.clear();
  } else {
    r.path.assign(r.target, 0, question);
    r.query.assign(r.target, question + 1);
  }
  r.headers = sdk::Headers();
  for (const auto& field : message) {
    auto name = field.name_string();
    auto value = field.value();
    r.headers.add(std::string(name.data(), name.size()), std::string(value.data(), value.size()));
  }
  if (tooLarge) {
    r.body.clear();
  } else {
    r.body = std::move(message.body());
  }
  r.remoteAddress = remoteAddress_;
  r.problem = tooLarge ? ServerRequest::Problem::kBodyTooLarge : ServerRequest::Problem::kNone;

  http10_ = message.version() < 11;
  headRequest_ = message.method() == http::verb::head;
  keepAlive_ = message.keep_alive() && !tooLarge;
  ++serial_;
  response_ = Response::kNone;
  gone_ = false;
  noBody_ = false;
  chunked_ = false;
  declaredLength_.reset();
  bodyBytes_ = 0;
}

void HttpConnection::callHandler() {
  if (!writer_ || writer_.use_count() != 1)
    writer_ = std::make_shared<HttpResponseWriter>(weak_from_this(), *state_->executors[loop_]);
  writer_->reset(serial_);
  bool failed = false;
  try {
    state_->handler.handle(request_, writer_);
  } catch (const std::exception& e) {
    spdlog::error("http server: request handler threw: {}", e.what());
    failed = true;
  } catch (...) {
    spdlog::error("http server: request handler threw");
    failed = true;
  }
  // A handler that threw, or let go of the writer without answering, would
  // leave the client waiting forever.
  if (!failed && response_ == Response::kNone && writer_.use_count() == 1) {
    spdlog::error("http server: request handler dropped the response for {} {}", request_.method, request_.path);
    failed = true;
  }
  if (!failed) return;
  keepAlive_ = false;
  if (response_ == Response::kNone) {
    sdk::Headers headers;
    headers.add("content-type", "text/plain");
    send(serial_, 500, headers, "internal error\n");
  } else if (response_ == Response::kStreaming) {
    end(serial_);
  }
}

asio::awaitable<void> HttpConnection::replyError(int status, std::string_view text) {
  boost::system::error_code ec;
  co_await stopReading();
  std::string reply = "HTTP/1.1 " + std::to_string(status) + (status == 431 ? " Request Header Fields Too Large" : " Bad Request");
  reply += "\r\ncontent-type: text/plain\r\ncontent-length: " + std::to_string(text.size()) +
           "\r\nconnection: close\r\n\r\n";
  reply += text;
  armDeadline(Clock::now() + kLingerTime);
  co_await asio::async_write(socket_, asio::buffer(reply), redirect_error(use_awaitable, ec));
}

asio::awaitable<void> HttpConnection::stopReading() {
  boost::system::error_code ec;
  if (!readPending_) co_return;
  readCancelled_ = true;
  socket_.cancel(ec);
  while (readPending_) co_await wake_.async_wait(redirect_error(use_awaitable, ec));
}

asio::awaitable<void> HttpConnection::lingeringClose() {
  boost::system::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_send, ec);
  armDeadline(Clock::now() + kLingerTime);
  std::size_t drained = 0;
  char scratch[4096];
  while (!closed_ && drained < kLingerBytes) {
    std::size_t n = co_await socket_.async_read_some(asio::buffer(scratch), redirect_error(use_awaitable, ec));
    if (ec) break;
    drained += n;
  }
}

void HttpConnection::close() noexcept {
  if (closed_) return;
  closed_ = true;
  boost::system::error_code ec;
  socket_.shutdown(tcp::socket::shutdown_both, ec);
  socket_.close(ec);
  deadlineTimer_.cancel();
  wake();
}

void HttpConnection::setPhase(Phase phase) noexcept {
  if (phase == phase_) return;
  auto busy = [](Phase p) { return p == Phase::kReading || p == Phase::kHandling; };
  if (phase_ == Phase::kHandling) state_->activeRequests.fetch_sub(1);
  if (phase == Phase::kHandling) state_->activeRequests.fetch_add(1);
  bool wasBusy = busy(phase_);
  phase_ = phase;
  if (!wasBusy && busy(phase)) state_->busyConnections.fetch_add(1);
  if (wasBusy && !busy(phase)) state_->busyEnded();
}

// The timer is re-armed only when the deadline moves earlier; when it fires
// early it re-arms to the current deadline. So the per-request deadline
// changes cost a clock read, not a timer cancellation.
void HttpConnection::armDeadline(Clock::time_point deadline) {
  deadline_ = deadline;
  if (closed_ || (timerWaiting_ && deadline >= timerExpiry_)) return;
  timerExpiry_ = deadline;
  timerWaiting_ = true;
  deadlineTimer_.expires_at(deadline);
  deadlineTimer_.async_wait(
      [self = shared_from_this()](const boost::system::error_code& ec) { self->onDeadlineTimer(ec); });
}

void HttpConnection::onDeadlineTimer(const boost::system::error_code& ec) {
  if (ec == asio::error::operation_aborted || closed_) return;  // re-armed or closed
  timerWaiting_ = false;
  if (Clock::now() >= deadline_) {
    close();
    return;
  }
  armDeadline(deadline_);
}

void HttpConnection::startRead() {
  if (readPending_ || closed_ || readFailed_) return;
  readPending_ = true;
  socket_.async_read_some(buffer_.prepare(readSize()), [self = shared_from_this()](const boost::system::error_code& ec,
                                                                             std::size_t n) { self->onRead(ec, n); });
}

std::size_t HttpConnection::readSize() const noexcept {
  return std::min(std::max(kMinReadSize, buffer_.capacity() - buffer_.size()), std::size_t{65536});
}

void HttpConnection::onRead(const boost::system::error_code& ec, std::size_t n) {
  readPending_ = false;
  bool cancelled = readCancelled_;
  readCancelled_ = false;
  if (!ec) {
    buffer_.commit(n);
    // While answering, keep watching for a disconnect; the bytes belong to the next request.
    if (phase_ == Phase::kHandling && !cancelled && buffer_.size() < kPipelineLimit) {
      startRead();
      return;
    }
    wake();
    return;
  }
  if (!(cancelled && ec == asio::error::operation_aborted && !closed_)) {
    readFailed_ = true;  // end of stream or a broken connection
    if (phase_ == Phase::kHandling) markGone(false);
  }
  wake();
}

void HttpConnection::wake() noexcept { wake_.cancel(); }

}  // namespace gateos::kernel::net

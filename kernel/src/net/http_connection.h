#pragma once
// One accepted HTTP/1.x connection (internal to net/): a coroutine reads
// requests and waits for each response; the response itself is written by
// callbacks driven from the ResponseWriter, so a handler may answer from any
// later callback on the connection's loop.
//
// Everything here runs on the connection's loop. The connection lives as long
// as its coroutine or one of its pending I/O callbacks; ResponseWriters hold
// only a weak reference.

#include <utility>  // Boost 1.74 Asio needs it before itself with g++ 12

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "net/http_server_state.h"
#include "net/server_request.h"

namespace gateos::kernel::net {

class HttpResponseWriter;

class HttpConnection : public std::enable_shared_from_this<HttpConnection> {
 public:
  using Clock = std::chrono::steady_clock;

  HttpConnection(std::shared_ptr<HttpServerState> state, boost::asio::ip::tcp::socket socket, std::size_t loop);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  // The connection's whole life; co_spawn it on the connection's loop.
  static boost::asio::awaitable<void> run(std::shared_ptr<HttpServerState> state, boost::asio::ip::tcp::socket socket,
                                          std::size_t loop);

  // Closes the socket; pending operations end and the coroutine finishes.
  void close() noexcept;
  bool idle() const noexcept { return phase_ == Phase::kIdle; }

  // ResponseWriter entry points; `serial` names the response, stale calls are dropped.
  void send(uint64_t serial, int status, const sdk::Headers& headers, std::string body);
  void beginStream(uint64_t serial, int status, const sdk::Headers& headers);
  void write(uint64_t serial, std::string chunk);
  void end(uint64_t serial);
  bool clientGone(uint64_t serial) const noexcept;
  void onClientGone(uint64_t serial, std::function<void()> fn);
  std::size_t pendingBytes(uint64_t serial) const noexcept;

  // Intrusive list of the loop's connections (HttpServerState).
  HttpConnection* prev = nullptr;
  HttpConnection* next = nullptr;

 private:
  enum class Phase { kIdle, kReading, kHandling, kClosed };
  enum class Response { kNone, kStreaming, kEnded, kDone };
  // A queued body piece, with its chunk framing when the response is chunked.
  struct Piece {
    std::string data;
    char frame[20] = {};
    uint8_t frameLength = 0;
    bool crlf = false;
  };

  boost::asio::awaitable<void> serve();
  boost::asio::awaitable<bool> readRequest(bool& tooLarge);
  boost::asio::awaitable<void> replyError(int status, std::string_view text);
  boost::asio::awaitable<void> stopReading();
  boost::asio::awaitable<void> lingeringClose();
  void prepareRequest(bool tooLarge);
  void callHandler();

  void setPhase(Phase phase) noexcept;
  void armDeadline(Clock::time_point deadline);
  void onDeadlineTimer(const boost::system::error_code& ec);
  void startRead();
  std::size_t readSize() const noexcept;
  void onRead(const boost::system::error_code& ec, std::size_t n);
  void wake() noexcept;

  void writeHead(int status, const sdk::Headers& headers, bool fixedLength, uint64_t length);
  void queue(std::string data, bool framed);
  void flush();
  void onWritten(const boost::system::error_code& ec);
  void markGone(bool deferred);
  void maybeDone();

  std::shared_ptr<HttpServerState> state_;
  boost::asio::ip::tcp::socket socket_;
  std::size_t loop_;
  std::string remoteAddress_;
  Phase phase_ = Phase::kIdle;
  bool closed_ = false;

  // Reading.
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  ServerRequest request_;
  bool readPending_ = false;   // the background read (next request / disconnect watch)
  bool readFailed_ = false;
  bool readCancelled_ = false;

  // Timers: deadline_ closes the connection (lazily re-armed, see armDeadline);
  // wake_ never expires and is cancelled to resume the coroutine.
  boost::asio::steady_timer deadlineTimer_;
  boost::asio::steady_timer wake_;
  Clock::time_point deadline_ = Clock::time_point::max();
  Clock::time_point timerExpiry_ = Clock::time_point::max();
  bool timerWaiting_ = false;

  // The response in progress.
  uint64_t serial_ = 0;
  std::shared_ptr<HttpResponseWriter> writer_;
  Response response_ = Response::kDone;
  bool keepAlive_ = true;
  bool http10_ = false;
  bool headRequest_ = false;
  bool noBody_ = false;
  bool chunked_ = false;
  bool gone_ = false;
  std::optional<uint64_t> declaredLength_;
  uint64_t bodyBytes_ = 0;
  std::vector<std::function<void()>> goneCallbacks_;

  // Writing: head_ and the final chunk are written before/after the pieces.
  std::string head_;
  bool headQueued_ = false;
  bool finalQueued_ = false;
  std::vector<Piece> pending_;
  std::vector<Piece> inflight_;
  std::vector<boost::asio::const_buffer> buffers_;
  std::size_t pendingBytes_ = 0;
  std::size_t inflightBytes_ = 0;
  bool writing_ = false;
};

}  // namespace gateos::kernel::net

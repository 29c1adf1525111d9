#pragma once
// Helpers for the HttpServer tests: a server on 127.0.0.1:0 over real event
// loops, a blocking raw-socket client (with a receive timeout, so a broken
// server fails a test instead of hanging it), and cross-thread signals.

#include <utility>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <gtest/gtest.h>

#include "net/event_loops.h"
#include "net/http_server.h"

namespace gateos::kernel::net::testing {

class FnHandler final : public RequestHandler {
 public:
  using Fn = std::function<void(ServerRequest&, std::shared_ptr<ResponseWriter>)>;
  explicit FnHandler(Fn fn) : fn_(std::move(fn)) {}
  void handle(ServerRequest& request, std::shared_ptr<ResponseWriter> writer) override {
    fn_(request, std::move(writer));
  }

 private:
  Fn fn_;
};

// Fires once; wait() returns false on timeout.
class Signal {
 public:
  void notify() {
    std::lock_guard lock(mutex_);
    fired_ = true;
    cv_.notify_all();
  }
  bool wait(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return fired_; });
  }
  bool fired() {
    std::lock_guard lock(mutex_);
    return fired_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool fired_ = false;
};

// A value handed from a loop thread to the test thread.
template <class T>
class Slot {
 public:
  void put(T value) {
    std::lock_guard lock(mutex_);
    value_ = std::move(value);
    cv_.notify_all();
  }
  std::optional<T> take(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    if (!cv_.wait_for(lock, timeout, [&] { return value_.has_value(); })) return std::nullopt;
    auto value = std::move(value_);
    value_.reset();
    return value;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  std::optional<T> value_;
};

inline bool waitUntil(const std::function<bool()>& condition,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

struct TestServer {
  explicit TestServer(FnHandler::Fn fn, ServerOptions options = {}, std::size_t loopCount = 2)
      : handler(std::move(fn)), loops(loopCount) {
    options.host = "127.0.0.1";
    options.port = 0;
    loops.start();
    server = std::make_unique<HttpServer>(loops, options, handler);
    auto started = server->start();
    EXPECT_TRUE(started.isOk()) << started.status().message();
    if (started) port = started.value();
  }
  ~TestServer() {
    server.reset();
    loops.stop();
  }

  FnHandler handler;
  EventLoops loops;
  std::unique_ptr<HttpServer> server;
  uint16_t port = 0;
};

struct TestResponse {
  int status = 0;
  int version = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  bool chunked = false;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
};

class TestClient {
 public:
  explicit TestClient(uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval timeout{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~TestClient() { close(); }
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;

  bool connected() const { return connected_; }
  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  bool send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Appends what arrives to buffer(); false on end of stream, error or timeout.
  bool readMore() {
    char chunk[16384];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    buffer_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
  bool readUntil(std::string_view marker) {
    while (buffer_.find(marker) == std::string::npos)
      if (!readMore()) return false;
    return true;
  }
  std::string& buffer() { return buffer_; }

  // Reads until the server closes the connection; false on timeout.
  bool readUntilClosed() {
    while (readMore()) {
    }
    buffer_.clear();
    return closedByServer();
  }

  // True once the server closed the connection (end of stream or reset) and
  // nothing unread is left.
  bool closedByServer() {
    if (!buffer_.empty()) return false;
    char c;
    ssize_t n = ::recv(fd_, &c, 1, 0);
    if (n > 0) buffer_.push_back(c);
    return n == 0 || (n < 0 && errno == ECONNRESET);
  }

  // Reads one whole response (Beast's parser frames it).
  std::optional<TestResponse> readResponse(bool headRequest = false) {
    namespace http = boost::beast::http;
    http::response_parser<http::string_body> parser;
    parser.eager(true);
    parser.skip(headRequest);
    parser.body_limit(UINT64_MAX);  // (boost::none compares as "exceeded" in Beast 1.74)
    for (;;) {
      if (!buffer_.empty()) {
        boost::system::error_code ec;
        std::size_t used = parser.put(boost::asio::buffer(buffer_), ec);
        buffer_.erase(0, used);
        if (ec && ec != http::error::need_more) return std::nullopt;
        if (parser.is_done()) break;
        if (used != 0 && !buffer_.empty()) continue;
      }
      if (!readMore()) {
        if (!parser.is_header_done() || !parser.need_eof()) return std::nullopt;
        boost::system::error_code ec;
        parser.put_eof(ec);
        if (ec) return std::nullopt;
        break;
      }
    }
    TestResponse response;
    auto& message = parser.get();
    response.status = static_cast<int>(message.result_int());
    response.version = static_cast<int>(message.version());
    response.chunked = parser.chunked();
    for (const auto& field : message) {
      std::string name(field.name_string().data(), field.name_string().size());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      response.headers[name] = std::string(field.value().data(), field.value().size());
    }
    response.body = std::move(message.body());
    return response;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string buffer_;
};

inline std::string getRequest(const std::string& target, const std::string& extra = "") {
  return "GET " + target + " HTTP/1.1\r\nhost: test\r\n" + extra + "\r\n";
}

inline std::string postRequest(const std::string& target, const std::string& body, const std::string& extra = "") {
  return "POST " + target + " HTTP/1.1\r\nhost: test\r\ncontent-type: application/json\r\ncontent-length: " +
         std::to_string(body.size()) + "\r\n" + extra + "\r\n" + body;
}

}  // namespace gateos::kernel::net::testing

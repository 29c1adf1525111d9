#pragma once
// A scriptable HTTP(S) upstream for UpstreamClient tests: listens on
// 127.0.0.1 port 0, runs the test's script on its own thread per accepted
// connection with blocking calls, so a test reads like the wire conversation.

#include <utility>  // Boost 1.74 Asio needs it before itself with g++ 12

#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>

namespace gateos::kernel::net::testing {

// A one-shot flag another thread can wait for, with a timeout.
class Event {
 public:
  void set() {
    std::lock_guard lock(mutex_);
    set_ = true;
    cv_.notify_all();
  }
  bool wait(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return set_; });
  }
  bool isSet() {
    std::lock_guard lock(mutex_);
    return set_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool set_ = false;
};

using TestRequest = boost::beast::http::request<boost::beast::http::string_body>;

// One accepted connection, used from its script's thread only.
class TestConnection {
 public:
  TestConnection(boost::asio::ip::tcp::socket socket, boost::asio::ssl::context* tls, int index)
      : socket_(std::move(socket)), index_(index) {
    if (tls) tls_.emplace(socket_, *tls);
  }

  int index() const { return index_; }  // 0 for the first connection the server accepted
  int nativeHandle() { return socket_.native_handle(); }

  // Server side of the TLS handshake; false when the client gave up.
  bool handshake() {
    boost::system::error_code ec;
    tls_->handshake(boost::asio::ssl::stream_base::server, ec);
    return !ec;
  }

  // The next request, or nullopt once the client closed the connection.
  std::optional<TestRequest> readRequest() {
    TestRequest request;
    boost::system::error_code ec;
    visit([&](auto& stream) { boost::beast::http::read(stream, buffer_, request, ec); });
    if (ec) return std::nullopt;
    return request;
  }

  bool write(std::string_view raw) {
    boost::system::error_code ec;
    visit([&](auto& stream) { boost::asio::write(stream, boost::asio::buffer(raw.data(), raw.size()), ec); });
    return !ec;
  }

  // Sends FIN and stops reading; the descriptor stays open until the server
  // is destroyed so that it is never reused while another thread may use it.
  void close() { ::shutdown(socket_.native_handle(), SHUT_RDWR); }

  // Blocks until the client closes the connection (or the server shuts down).
  void waitPeerClosed() {
    char scratch[4096];
    boost::system::error_code ec;
    while (!ec) socket_.read_some(boost::asio::buffer(scratch), ec);
  }

 private:
  template <class F>
  void visit(F&& f) {
    if (tls_)
      f(*tls_);
    else
      f(socket_);
  }

  boost::asio::ip::tcp::socket socket_;
  std::optional<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>> tls_;
  boost::beast::flat_buffer buffer_;
  int index_;
};

class TestUpstream {
 public:
  using Script = std::function<void(TestConnection&)>;

  explicit TestUpstream(Script script, boost::asio::ssl::context* tls = nullptr)
      : script_(std::move(script)), tls_(tls), acceptor_(io_) {
    using boost::asio::ip::tcp;
    tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.bind(endpoint);
    acceptor_.listen(1024);
    port_ = acceptor_.local_endpoint().port();
    acceptThread_ = std::thread([this] { acceptLoop(); });
  }

  ~TestUpstream() {
    stopping_ = true;
    ::shutdown(acceptor_.native_handle(), SHUT_RDWR);  // unblocks accept()
    acceptThread_.join();
    std::vector<std::thread> threads;
    {
      std::lock_guard lock(mutex_);
      for (auto& connection : connections_) connection->close();  // unblocks reads
      threads.swap(threads_);
    }
    for (auto& thread : threads) thread.join();
  }

  std::uint16_t port() const { return port_; }
  std::string url(std::string_view path = "/") const {
    return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port_) + std::string(path);
  }
  int connections() const { return accepted_.load(); }

 private:
  void acceptLoop() {
    for (;;) {
      boost::asio::ip::tcp::socket socket(io_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stopping_) return;
      std::lock_guard lock(mutex_);
      auto connection = std::make_unique<TestConnection>(std::move(socket), tls_, accepted_.fetch_add(1));
      auto* raw = connection.get();
      connections_.push_back(std::move(connection));
      threads_.emplace_back([this, raw] {
        script_(*raw);
        raw->close();
      });
    }
  }

  Script script_;
  boost::asio::ssl::context* tls_;
  boost::asio::io_context io_;  // never run: the server uses blocking calls
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepted_{0};
  std::mutex mutex_;
  std::vector<std::unique_ptr<TestConnection>> connections_;
  std::vector<std::thread> threads_;
  std::thread acceptThread_;
};

// "HTTP/1.1 <status> X\r\nContent-Length: n\r\n<extra>\r\n<body>"; extra lines end in \r\n.
inline std::string httpResponse(int status, std::string_view body, std::string_view extraHeaders = {}) {
  std::string out = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: " + std::to_string(body.size()) +
                    "\r\n" + std::string(extraHeaders) + "\r\n";
  out += body;
  return out;
}

inline std::string chunk(std::string_view data) {
  char size[20];
  std::snprintf(size, sizeof size, "%zx\r\n", data.size());
  return std::string(size) + std::string(data) + "\r\n";
}

// Answers every request on the connection with 200 and `body` until the client closes.
inline void serveKeepAlive(TestConnection& connection, std::string_view body) {
  while (auto request = connection.readRequest())
    if (!connection.write(httpResponse(200, body))) return;
}

}  // namespace gateos::kernel::net::testing

// gateos_bench_upstream: a fast OpenAI-compatible mock upstream for the load
// benchmarks. One coroutine per keep-alive connection on a few threads.
//
//   gateos_bench_upstream --listen 127.0.0.1:0 --threads 1   → prints "listening on PORT"
//
// POST /v1/chat/completions: a fixed chat.completion, or with "stream": true an
// SSE stream of "mock_chunks" (default 100) events "mock_interval_ms" (default 10)
// apart, then a usage chunk and [DONE]. The body is scanned, never parsed: the
// mock must stay cheaper than anything it is compared against.
// GET /healthz and GET /v1/models answer small JSON documents (idle connections
// use them to be sure the server accepted them).
#include <utility>  // Boost 1.74 Asio needs it before itself with g++ 12

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace gateos::bench {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using boost::system::error_code;

constexpr std::string_view kCompletion =
    R"({"id":"chatcmpl-mock","object":"chat.completion","created":1700000000,"model":"m",)"
    R"("choices":[{"index":0,"message":{"role":"assistant","content":"Hello from the mock upstream."},)"
    R"("finish_reason":"stop"}],"usage":{"prompt_tokens":10,"completion_tokens":6,"total_tokens":16}})";
constexpr std::string_view kChunkPrefix =
    R"(data: {"id":"chatcmpl-mock","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[{"index":0,"delta":)";
constexpr std::string_view kHealth = R"({"status":"ok"})";
constexpr std::string_view kModels =
    R"({"object":"list","data":[{"id":"m","object":"model","created":0,"owned_by":"mock"}]})";
constexpr std::string_view kNotFound =
    R"({"error":{"message":"not found","type":"invalid_request_error","param":null,"code":null}})";

struct StreamParams {
  bool stream = false;
  int chunks = 100;
  int intervalMs = 10;
};

// The text right after `"key"` and its colon, or nothing. Only keys followed by
// a colon count, so the same word inside a string value is skipped.
std::optional<std::string_view> valueAfter(std::string_view body, std::string_view key) {
  for (size_t at = body.find(key); at != std::string_view::npos; at = body.find(key, at + 1)) {
    size_t i = at + key.size();
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r')) ++i;
    if (i >= body.size() || body[i] != ':') continue;
    ++i;
    while (i < body.size() && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r')) ++i;
    return body.substr(i);
  }
  return std::nullopt;
}

int intAfter(std::string_view body, std::string_view key, int fallback) {
  auto v = valueAfter(body, key);
  if (!v) return fallback;
  int out = fallback;
  auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), out);
  return ec == std::errc() ? out : fallback;
}

StreamParams scanParams(std::string_view body) {
  StreamParams p;
  auto s = valueAfter(body, "\"stream\"");
  p.stream = s && s->substr(0, 4) == "true";
  p.chunks = std::max(1, intAfter(body, "\"mock_chunks\"", p.chunks));
  p.intervalMs = std::max(0, intAfter(body, "\"mock_interval_ms\"", p.intervalMs));
  return p;
}

std::string fixedResponse(int status, std::string_view reason, std::string_view body, bool keepAlive) {
  std::string out;
  out.reserve(160 + body.size());
  out += "HTTP/1.1 ";
  out += std::to_string(status);
  out += ' ';
  out += reason;
  out += "\r\nContent-Type: application/json\r\nContent-Length: ";
  out += std::to_string(body.size());
  out += keepAlive ? "\r\n\r\n" : "\r\nConnection: close\r\n\r\n";
  out += body;
  return out;
}

// One SSE event framed as one HTTP/1.1 chunk.
void appendChunk(std::string& out, std::string_view event) {
  char size[16];
  auto [end, ec] = std::to_chars(size, size + sizeof size, event.size(), 16);
  out.append(size, end);
  out += "\r\n";
  out += event;
  out += "\r\n";
}

std::string contentEvent(bool first, bool last) {
  std::string e(kChunkPrefix);
  e += first ? R"({"role":"assistant","content":"tok "})" : R"({"content":"tok "})";
  e += last ? R"(,"finish_reason":"stop"}]})" : R"(,"finish_reason":null}]})";
  e += "\n\n";
  return e;
}

struct Frames {
  std::string first = frame(contentEvent(true, false));
  std::string middle = frame(contentEvent(false, false));
  std::string last = frame(contentEvent(false, true));
  std::string only = frame(contentEvent(true, true));
  static std::string frame(const std::string& event) {
    std::string out;
    appendChunk(out, event);
    return out;
  }
};
const Frames& frames() {
  static const Frames f;
  return f;
}

std::string streamTail(int chunks) {
  std::string usage =
      R"(data: {"id":"chatcmpl-mock","object":"chat.completion.chunk","created":1700000000,"model":"m","choices":[],)"
      R"("usage":{"prompt_tokens":10,"completion_tokens":)" +
      std::to_string(chunks) + R"(,"total_tokens":)" + std::to_string(10 + chunks) + "}}\n\n";
  std::string out;
  appendChunk(out, usage);
  appendChunk(out, "data: [DONE]\n\n");
  out += "0\r\n\r\n";
  return out;
}

net::awaitable<bool> writeAll(tcp::socket& sock, std::string_view data) {
  error_code ec;
  co_await net::async_write(sock, net::buffer(data.data(), data.size()),
                            net::redirect_error(net::use_awaitable, ec));
  co_return !ec;
}

net::awaitable<bool> writeStream(tcp::socket& sock, const StreamParams& p) {
  const Frames& f = frames();
  std::string head =
      "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  head += p.chunks == 1 ? f.only : f.first;
  // g++ 12 mishandles temporaries in a co_await full-expression (double
  // destruction), so everything awaited on here is a named local.
  bool ok = co_await writeAll(sock, head);
  if (!ok) co_return false;
  net::steady_timer timer(sock.get_executor());
  for (int i = 1; i < p.chunks; ++i) {
    if (p.intervalMs > 0) {
      timer.expires_after(std::chrono::milliseconds(p.intervalMs));
      error_code ec;
      co_await timer.async_wait(net::redirect_error(net::use_awaitable, ec));
    }
    const std::string& frame = i + 1 == p.chunks ? f.last : f.middle;
    ok = co_await writeAll(sock, frame);
    if (!ok) co_return false;
  }
  const std::string tail = streamTail(p.chunks);
  ok = co_await writeAll(sock, tail);
  co_return ok;
}

net::awaitable<void> serveConnection(tcp::socket sock) {
  sock.set_option(tcp::no_delay(true));
  beast::flat_buffer buffer;
  buffer.reserve(64 * 1024);  // large prompts arrive in 64 KB reads, not 512 B ones
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(256ull * 1024 * 1024);
    error_code ec;
    co_await http::async_read(sock, buffer, parser, net::redirect_error(net::use_awaitable, ec));
    if (ec) break;
    const auto& req = parser.get();
    const bool keepAlive = req.keep_alive();
    const std::string_view target(req.target().data(), req.target().size());
    static const std::string kKeepAliveCompletion = fixedResponse(200, "OK", kCompletion, true);
    bool ok = true;
    StreamParams p;
    std::string reply;  // a named local: see writeStream on g++ 12 and temporaries
    if (req.method() == http::verb::post && target == "/v1/chat/completions") {
      p = scanParams(req.body());
      if (!p.stream) reply = keepAlive ? kKeepAliveCompletion : fixedResponse(200, "OK", kCompletion, false);
    } else if (req.method() == http::verb::get && (target == "/healthz" || target == "/v1/models")) {
      reply = fixedResponse(200, "OK", target == "/healthz" ? kHealth : kModels, keepAlive);
    } else {
      reply = fixedResponse(404, "Not Found", kNotFound, keepAlive);
    }
    if (p.stream) {
      ok = co_await writeStream(sock, p);
    } else {
      ok = co_await writeAll(sock, reply);
    }
    if (!ok || !keepAlive) break;
  }
  error_code ignored;
  sock.shutdown(tcp::socket::shutdown_send, ignored);
  sock.close(ignored);
}

net::awaitable<void> acceptLoop(tcp::acceptor& acceptor) {
  for (;;) {
    error_code ec;
    tcp::socket sock = co_await acceptor.async_accept(net::redirect_error(net::use_awaitable, ec));
    if (ec) {
      if (ec == net::error::operation_aborted) co_return;
      continue;  // e.g. EMFILE: keep serving the connections we have
    }
    net::co_spawn(acceptor.get_executor(), serveConnection(std::move(sock)), net::detached);
  }
}

int usage() {
  std::fprintf(stderr, "usage: gateos_bench_upstream [--listen HOST:PORT] [--threads N]\n");
  return 2;
}

}  // namespace
}  // namespace gateos::bench

int main(int argc, char** argv) {
  using namespace gateos::bench;
  std::string listen = "127.0.0.1:0";
  int threads = 1;
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    if (a == "--listen" && i + 1 < argc) listen = argv[++i];
    else if (a == "--threads" && i + 1 < argc) threads = std::max(1, std::atoi(argv[++i]));
    else return usage();
  }
  auto colon = listen.rfind(':');
  if (colon == std::string::npos) return usage();
  try {
    net::io_context ioc(threads);
    tcp::endpoint ep(net::ip::make_address(listen.substr(0, colon)),
                     static_cast<unsigned short>(std::atoi(listen.c_str() + colon + 1)));
    tcp::acceptor acceptor(ioc);
    acceptor.open(ep.protocol());
    acceptor.set_option(net::socket_base::reuse_address(true));
    acceptor.bind(ep);
    acceptor.listen(4096);
    net::signal_set signals(ioc, SIGINT, SIGTERM);
    signals.async_wait([&](error_code, int) { ioc.stop(); });
    net::co_spawn(ioc, acceptLoop(acceptor), net::detached);
    std::printf("listening on %u\n", static_cast<unsigned>(acceptor.local_endpoint().port()));
    std::fflush(stdout);
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([&] { ioc.run(); });
    ioc.run();
    for (auto& t : pool) t.join();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gateos_bench_upstream: %s\n", e.what());
    return 1;
  }
  return 0;
}

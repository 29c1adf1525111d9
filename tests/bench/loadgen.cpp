// gateos_bench_loadgen: an HTTP/1.1 keep-alive load generator on Asio
// coroutines, one thread. Prints one JSON line (see loadgen_stats.h).
//
//   --mode small  --concurrency C --requests N [--rate R] --url URL [--header H]... [--body-file F]
//       closed loop: C connections, each sends its next request when the last
//       answer is complete; latency from just before the write to the full answer.
//       With --rate R the requests are due at fixed times (N/R seconds in all)
//       and latency counts from the due time, so a stalled server is not hidden.
//   --mode stream --streams S [--rounds K] --url URL [--header H]... --body-file F
//       S connections opened first, then S streaming requests written together
//       (K times); TTFB = first body byte of the answer; total = end of stream.
//       A stream counts as an error unless it is 200 and ends with "data: [DONE]".
//   --mode idle   --connections K [--url URL] [--ready-file P] [--hold-seconds T]
//       opens K keep-alive connections (each sends one GET URL first, if given)
//       and holds them until SIGTERM/SIGINT or T seconds; then reports how many
//       were still open (completed) and how many failed or were closed (errors).
//   --free-port   prints a free loopback TCP port and exits.
//   --timeout-s T (default 120): a run that takes longer stops; unfinished work
//       counts as errors.
#include <utility>  // Boost 1.74 Asio needs it before itself with g++ 12

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "loadgen_stats.h"

namespace gateos::bench {
namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;
constexpr auto kAwait = net::use_awaitable;
constexpr int kConnectors = 8;  // parallel connects, to stay under listen backlogs

struct Options {
  std::string mode;
  std::string url;
  std::vector<std::string> headers;
  std::string body;
  bool hasBody = false;
  int concurrency = 1;
  uint64_t requests = 1000;
  double rate = 0;
  int streams = 100;
  int rounds = 1;
  int connections = 100;
  double timeoutS = 120;
  double holdS = 0;
  std::string readyFile;
};

std::string buildRequest(const Url& url, const Options& o, bool post) {
  std::string r = post ? "POST " : "GET ";
  r += url.target + " HTTP/1.1\r\nHost: " + url.host + ":" + url.port + "\r\n";
  for (const auto& h : o.headers) r += h + "\r\n";
  if (post) {
    r += "Content-Type: application/json\r\nContent-Length: " + std::to_string(o.body.size()) + "\r\n\r\n";
    r += o.body;
  } else {
    r += "\r\n";
  }
  return r;
}

// A countdown the coordinating coroutine can await (single-threaded use).
class Latch {
 public:
  Latch(net::any_io_executor ex, int count) : timer_(ex), count_(count) {}
  void countDown() {
    if (--count_ == 0) timer_.cancel();
  }
  net::awaitable<void> wait() {
    if (count_ <= 0) co_return;
    timer_.expires_at(Clock::time_point::max());
    error_code ec;
    co_await timer_.async_wait(net::redirect_error(kAwait, ec));
  }

 private:
  net::steady_timer timer_;
  int count_;
};

struct Conn {
  explicit Conn(net::any_io_executor ex) : sock(ex) {}
  tcp::socket sock;
  beast::flat_buffer buf;
  bool open = false;
};

net::awaitable<bool> connect(Conn& c, const tcp::endpoint& ep) {
  error_code ec;
  c.sock = tcp::socket(c.sock.get_executor());
  c.buf.clear();
  co_await c.sock.async_connect(ep, net::redirect_error(kAwait, ec));
  if (ec) co_return false;
  c.sock.set_option(tcp::no_delay(true), ec);
  c.open = true;
  co_return true;
}

void closeConn(Conn& c) {
  error_code ignored;
  c.sock.close(ignored);
  c.open = false;
}

// Connects (and optionally primes with one request) every Conn, kConnectors at a time.
net::awaitable<void> connectAll(std::vector<std::unique_ptr<Conn>>& conns, const tcp::endpoint& ep,
                                const std::string* prime, uint64_t& failed) {
  auto ex = co_await net::this_coro::executor;
  Latch latch(ex, kConnectors);
  for (int w = 0; w < kConnectors; ++w) {
    net::co_spawn(ex, [&, w]() -> net::awaitable<void> {
      for (size_t i = w; i < conns.size(); i += kConnectors) {
        Conn& c = *conns[i];
        bool ok = co_await connect(c, ep);
        if (ok && prime) {
          error_code ec;
          co_await net::async_write(c.sock, net::buffer(*prime), net::redirect_error(kAwait, ec));
          http::response_parser<http::string_body> p;
          if (!ec) co_await http::async_read(c.sock, c.buf, p, net::redirect_error(kAwait, ec));
          ok = !ec && p.get().result_int() == 200 && p.get().keep_alive();
        }
        if (!ok) {
          ++failed;
          closeConn(c);
        }
      }
      latch.countDown();
    }, net::detached);
  }
  co_await latch.wait();
}

// ---- small: closed loop (or paced with --rate) ----

struct SmallRun {
  tcp::endpoint ep;
  std::string request;
  uint64_t total = 0;
  uint64_t next = 0;
  double rate = 0;
  Clock::time_point start;
  Report report;
};

net::awaitable<void> smallWorker(SmallRun& r, Latch& done) {
  auto ex = co_await net::this_coro::executor;
  Conn c(ex);
  net::steady_timer pace(c.sock.get_executor());
  while (r.next < r.total) {
    const uint64_t n = r.next++;
    Clock::time_point t0 = Clock::now();
    if (r.rate > 0) {
      t0 = r.start + std::chrono::nanoseconds(static_cast<int64_t>(static_cast<double>(n) * 1e9 / r.rate));
      pace.expires_at(t0);
      error_code ec;
      co_await pace.async_wait(net::redirect_error(kAwait, ec));
    }
    if (!c.open) {
      const bool connected = co_await connect(c, r.ep);
      if (!connected) {
        ++r.report.errors;
        closeConn(c);
        continue;
      }
      if (r.rate <= 0) t0 = Clock::now();  // closed loop: connection set-up is not request latency
    }
    error_code ec;
    co_await net::async_write(c.sock, net::buffer(r.request), net::redirect_error(kAwait, ec));
    http::response_parser<http::string_body> p;
    p.body_limit(256ull * 1024 * 1024);
    if (!ec) co_await http::async_read(c.sock, c.buf, p, net::redirect_error(kAwait, ec));
    if (ec) {
      ++r.report.errors;
      closeConn(c);
      continue;
    }
    if (p.get().result_int() == 200) {
      r.report.latency.add(Clock::now() - t0);
      ++r.report.completed;
    } else {
      ++r.report.errors;
    }
    if (!p.get().keep_alive()) closeConn(c);
  }
  done.countDown();
}

net::awaitable<void> runSmall(SmallRun& r, int concurrency) {
  auto ex = co_await net::this_coro::executor;
  Latch done(ex, concurrency);
  r.start = Clock::now();
  for (int i = 0; i < concurrency; ++i) net::co_spawn(ex, smallWorker(r, done), net::detached);
  co_await done.wait();
  r.report.durationS = std::chrono::duration<double>(Clock::now() - r.start).count();
}

// ---- stream: S streams started together ----

struct StreamRun {
  tcp::endpoint ep;
  std::string request;
  Report report;
};

uint64_t countEvents(const std::string& body) {
  uint64_t n = body.rfind("data:", 0) == 0 ? 1 : 0;
  for (size_t at = body.find("\ndata:"); at != std::string::npos; at = body.find("\ndata:", at + 1)) ++n;
  return n;
}

bool endsWithDone(const std::string& body) {
  size_t end = body.find_last_not_of("\r\n ");
  if (end == std::string::npos) return false;
  constexpr std::string_view kDone = "data: [DONE]";
  return end + 1 >= kDone.size() && std::string_view(body).substr(end + 1 - kDone.size(), kDone.size()) == kDone;
}

net::awaitable<void> oneStream(StreamRun& r, Conn& c, Latch& done) {
  bool ok = c.open;
  if (!ok) ok = co_await connect(c, r.ep);
  const Clock::time_point t0 = Clock::now();
  error_code ec;
  if (ok) co_await net::async_write(c.sock, net::buffer(r.request), net::redirect_error(kAwait, ec));
  http::response_parser<http::string_body> p;
  p.body_limit(256ull * 1024 * 1024);
  if (ok && !ec) co_await http::async_read_header(c.sock, c.buf, p, net::redirect_error(kAwait, ec));
  bool first = false;
  while (ok && !ec && !p.is_done()) {
    co_await http::async_read_some(c.sock, c.buf, p, net::redirect_error(kAwait, ec));
    if (!first && !p.get().body().empty()) {
      first = true;
      r.report.ttfb.add(Clock::now() - t0);
    }
  }
  ok = ok && !ec && p.is_done() && p.get().result_int() == 200 && endsWithDone(p.get().body());
  if (ok) {
    r.report.latency.add(Clock::now() - t0);
    ++r.report.completed;
    r.report.events += countEvents(p.get().body());
    if (!p.get().keep_alive()) closeConn(c);
  } else {
    ++r.report.errors;
    closeConn(c);
  }
  done.countDown();
}

net::awaitable<void> runStreams(StreamRun& r, int streams, int rounds) {
  auto ex = co_await net::this_coro::executor;
  std::vector<std::unique_ptr<Conn>> conns;
  for (int i = 0; i < streams; ++i) conns.push_back(std::make_unique<Conn>(ex));
  uint64_t failed = 0;
  co_await connectAll(conns, r.ep, nullptr, failed);  // failures are retried by oneStream
  for (int round = 0; round < rounds; ++round) {
    Latch done(ex, streams);
    const auto start = Clock::now();
    for (auto& c : conns) net::co_spawn(ex, oneStream(r, *c, done), net::detached);
    co_await done.wait();
    r.report.durationS += std::chrono::duration<double>(Clock::now() - start).count();
  }
}

// ---- idle: hold K keep-alive connections ----

struct IdleRun {
  tcp::endpoint ep;
  std::string prime;
  bool hasPrime = false;
  uint64_t open = 0;
  uint64_t errors = 0;
};

net::awaitable<void> holdOne(IdleRun& r, Conn& c) {
  char byte;
  error_code ec;
  co_await c.sock.async_read_some(net::buffer(&byte, 1), net::redirect_error(kAwait, ec));
  // Anything (data, EOF, reset) on an idle keep-alive connection means it is gone.
  --r.open;
  ++r.errors;
  closeConn(c);
}

net::awaitable<void> runIdle(IdleRun& r, std::vector<std::unique_ptr<Conn>>& conns, const Options& o) {
  auto ex = co_await net::this_coro::executor;
  co_await connectAll(conns, r.ep, r.hasPrime ? &r.prime : nullptr, r.errors);
  for (auto& c : conns) {
    if (!c->open) continue;
    ++r.open;
    net::co_spawn(ex, holdOne(r, *c), net::detached);
  }
  if (!o.readyFile.empty()) std::ofstream(o.readyFile) << r.open << "\n";
  std::fprintf(stderr, "gateos_bench_loadgen: holding %llu idle connections\n",
               static_cast<unsigned long long>(r.open));
}

// ---- main ----

int usage(const char* why) {
  std::fprintf(stderr, "gateos_bench_loadgen: %s (see the comment at the top of loadgen.cpp)\n", why);
  return 2;
}

int freePort() {
  net::io_context ioc;
  tcp::acceptor a(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
  std::printf("%u\n", static_cast<unsigned>(a.local_endpoint().port()));
  return 0;
}

bool parseArgs(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    std::string_view a = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : nullptr; };
    const char* v = a == "--free-port" ? "" : next();
    if (!v) return false;
    if (a == "--free-port") o.mode = "free-port";
    else if (a == "--mode") o.mode = v;
    else if (a == "--url") o.url = v;
    else if (a == "--header") o.headers.emplace_back(v);
    else if (a == "--concurrency") o.concurrency = std::max(1, std::atoi(v));
    else if (a == "--requests") o.requests = std::strtoull(v, nullptr, 10);
    else if (a == "--rate") o.rate = std::atof(v);
    else if (a == "--streams") o.streams = std::max(1, std::atoi(v));
    else if (a == "--rounds") o.rounds = std::max(1, std::atoi(v));
    else if (a == "--connections") o.connections = std::max(1, std::atoi(v));
    else if (a == "--timeout-s") o.timeoutS = std::atof(v);
    else if (a == "--hold-seconds") o.holdS = std::atof(v);
    else if (a == "--ready-file") o.readyFile = v;
    else if (a == "--body-file") {
      std::ifstream in(v, std::ios::binary);
      if (!in) return false;
      std::ostringstream ss;
      ss << in.rdbuf();
      o.body = ss.str();
      o.hasBody = true;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace
}  // namespace gateos::bench

int main(int argc, char** argv) {
  using namespace gateos::bench;
  Options o;
  if (!parseArgs(argc, argv, o)) return usage("bad arguments");
  if (o.mode == "free-port") return freePort();
  if (o.mode != "small" && o.mode != "stream" && o.mode != "idle") return usage("--mode small|stream|idle");
  std::optional<Url> url = parseUrl(o.url.empty() ? "http://127.0.0.1:1/" : o.url);
  if (!url) return usage("--url http://HOST:PORT/PATH");
  if (o.mode == "stream" && !o.hasBody) return usage("stream mode needs --body-file");
  try {
    net::io_context ioc(1);
    tcp::resolver resolver(ioc);
    const tcp::endpoint ep = *resolver.resolve(url->host, url->port).begin();
    bool timedOut = false;
    net::steady_timer watchdog(ioc);
    watchdog.expires_after(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.timeoutS)));
    watchdog.async_wait([&](error_code ec) {
      if (!ec) {
        timedOut = true;
        ioc.stop();
      }
    });
    auto finish = [&](Report& r, uint64_t expected) {
      r.timedOut = timedOut;
      if (r.completed + r.errors < expected) r.errors = expected - r.completed;
      std::printf("%s\n", toJson(r).c_str());
      std::fflush(stdout);
      std::_Exit(0);  // coroutines cut short by the watchdog are not unwound
    };
    if (o.mode == "small") {
      SmallRun r{ep, buildRequest(*url, o, o.hasBody), o.requests, 0, o.rate, {}, {}};
      net::co_spawn(ioc, [&]() -> net::awaitable<void> {
        co_await runSmall(r, o.concurrency);
        watchdog.cancel();
      }, net::detached);
      ioc.run();
      finish(r.report, o.requests);
    } else if (o.mode == "stream") {
      StreamRun r{ep, buildRequest(*url, o, true), {}};
      net::co_spawn(ioc, [&]() -> net::awaitable<void> {
        co_await runStreams(r, o.streams, o.rounds);
        watchdog.cancel();
      }, net::detached);
      ioc.run();
      finish(r.report, static_cast<uint64_t>(o.streams) * o.rounds);
    } else {
      IdleRun r{ep, buildRequest(*url, o, false), !o.url.empty()};
      std::vector<std::unique_ptr<Conn>> conns;
      for (int i = 0; i < o.connections; ++i) conns.push_back(std::make_unique<Conn>(ioc.get_executor()));
      const auto start = Clock::now();
      if (o.holdS > 0) {
        watchdog.expires_after(std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(o.holdS)));
        watchdog.async_wait([&](error_code ec) { if (!ec) ioc.stop(); });
      } else {
        watchdog.cancel();  // no timeout: idle holds until signalled
      }
      net::signal_set signals(ioc, SIGINT, SIGTERM);
      signals.async_wait([&](error_code, int) { ioc.stop(); });
      net::co_spawn(ioc, runIdle(r, conns, o), net::detached);
      ioc.run();
      Report rep;
      rep.completed = r.open;
      rep.errors = r.errors;
      rep.durationS = std::chrono::duration<double>(Clock::now() - start).count();
      timedOut = false;
      finish(rep, 0);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "gateos_bench_loadgen: %s\n", e.what());
    return 1;
  }
  return 0;
}

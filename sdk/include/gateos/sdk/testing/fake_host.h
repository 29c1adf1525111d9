#pragma once
// Test doubles for plugin unit tests (header-only; link gateos::sdk_testing).
// Nothing here touches the network, real time or the kernel:
//
//   FakeExecutor    a manual event loop with virtual time. post() queues,
//                   schedule() files a timer at now()+delay; nothing runs until
//                   the test calls runUntilIdle() or advance(ms).
//   FakeHttpClient  records every HttpRequest; the test scripts each answer with
//                   exchange(i).respond(status, headers) / .body(chunk) /
//                   .complete(status). cancel() is recorded and delivers
//                   onComplete(kCancelled) through the executor, as the real
//                   client does.
//   FakeHost        a Host with an in-memory KeyValueStore, a vault that only
//                   base64-wraps ("sealed:" + plaintext), recording AlertSink and
//                   Logger, no-op Metrics, a temporary asset/data directory
//                   (removed on destruction), runBlocking that runs the work
//                   inline and posts `done` to the given executor.
//
// Typical driver test:
//   FakeHost host;  FakeExecutor loop;
//   auto handle = provider->send(call, sink);        // call.context->executor = &loop
//   loop.runUntilIdle();
//   auto& ex = host.httpClient.exchange();            // the request the driver sent
//   ex.respond(200, {{"content-type", "text/event-stream"}});
//   ex.body("data: {...}\n\n");  ex.complete();
//
// All fakes are meant for one test thread (post() and Logger/AlertSink are
// additionally safe to call from others).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "gateos/sdk/executor.h"
#include "gateos/sdk/host.h"
#include "gateos/sdk/http_client.h"

namespace gateos::sdk::testing {

// ---------------------------------------------------------------------------
// FakeExecutor: manual loop, virtual clock starting at 0 ms.
class FakeExecutor final : public Executor {
 public:
  // Queues fn; runs at the next runUntilIdle()/advance(). Thread-safe.
  void post(std::function<void()> fn) override {
    std::lock_guard lock(mutex_);
    queue_.push_back(std::move(fn));
  }

  // Files fn to run once virtual time reaches now()+delay. Destroying or
  // cancelling the handle before that drops fn.
  std::unique_ptr<TimerHandle> schedule(std::chrono::milliseconds delay, std::function<void()> fn) override {
    auto timer = std::make_shared<Timer>();
    timer->due = now_ + delay;
    timer->seq = nextSeq_++;
    timer->fn = std::move(fn);
    timers_.push_back(timer);
    ++scheduledCount_;
    return std::make_unique<Handle>(timer);
  }

  // Runs posted callbacks (including those they post) until the queue is empty.
  // Timers do not fire. Returns how many callbacks ran.
  std::size_t runUntilIdle() {
    std::size_t ran = 0;
    for (;;) {
      std::function<void()> fn;
      {
        std::lock_guard lock(mutex_);
        if (queue_.empty()) return ran;
        fn = std::move(queue_.front());
        queue_.pop_front();
      }
      fn();
      ++ran;
    }
  }

  // Moves virtual time forward by `by`, firing due timers in due order (each
  // followed by runUntilIdle), so a timer scheduled by a timer callback within
  // the window fires too. Runs posted work first.
  void advance(std::chrono::milliseconds by) {
    runUntilIdle();
    const auto target = now_ + by;
    for (;;) {
      auto next = nextDue(target);
      if (!next) break;
      now_ = next->due;
      auto fn = std::move(next->fn);
      next->fired = true;
      next->fn = nullptr;
      if (fn) fn();
      runUntilIdle();
    }
    now_ = target;
  }

  std::chrono::milliseconds now() const noexcept { return now_; }
  std::size_t pendingPosts() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
  }
  // Timers filed and neither fired nor cancelled.
  std::size_t pendingTimers() const {
    std::size_t n = 0;
    for (const auto& t : timers_) n += (!t->fired && !t->cancelled) ? 1 : 0;
    return n;
  }
  // How many times schedule() was called.
  std::size_t scheduledCount() const noexcept { return scheduledCount_; }

 private:
  struct Timer {
    std::chrono::milliseconds due{0};
    std::uint64_t seq = 0;
    std::function<void()> fn;
    bool fired = false;
    bool cancelled = false;
  };
  class Handle final : public TimerHandle {
   public:
    explicit Handle(std::shared_ptr<Timer> t) : timer_(std::move(t)) {}
    ~Handle() override { cancel(); }
    void cancel() noexcept override {
      if (timer_->fired) return;
      timer_->cancelled = true;
      timer_->fn = nullptr;
    }

   private:
    std::shared_ptr<Timer> timer_;
  };

  std::shared_ptr<Timer> nextDue(std::chrono::milliseconds limit) {
    std::erase_if(timers_, [](const auto& t) { return t->fired || t->cancelled; });
    std::shared_ptr<Timer> best;
    for (const auto& t : timers_)
      if (t->due <= limit && (!best || t->due < best->due || (t->due == best->due && t->seq < best->seq))) best = t;
    return best;
  }

  mutable std::mutex mutex_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::shared_ptr<Timer>> timers_;
  std::chrono::milliseconds now_{0};
  std::uint64_t nextSeq_ = 0;
  std::size_t scheduledCount_ = 0;
};

// ---------------------------------------------------------------------------
// FakeHttpClient: records requests; the test plays the server.
class FakeHttpClient final : public HttpClient {
 public:
  class Exchange final : public HttpExchange, public std::enable_shared_from_this<Exchange> {
   public:
    Exchange(Executor& executor, HttpRequest request, std::shared_ptr<HttpResponseHandler> handler)
        : request(std::move(request)), executor_(&executor), handler_(std::move(handler)) {}

    // Recorded by cancel(); a pending onComplete(kCancelled) is posted to the executor.
    void cancel() noexcept override {
      ++cancelCount;
      cancelled = true;
      if (completed_) return;
      auto self = shared_from_this();
      executor_->post([self] { self->complete(Status(StatusCode::kCancelled, "cancelled")); });
    }

    // Scripted answer, delivered inline (as if on the executor). Ignored after completion.
    Exchange& respond(int status, std::initializer_list<Headers::Entry> headers = {}) {
      Headers h;
      for (const auto& [k, v] : headers) h.add(k, v);
      return respond(status, h);
    }
    Exchange& respond(int status, const Headers& headers) {
      if (!completed_) handler_->onHeaders(status, headers);
      return *this;
    }
    Exchange& body(std::string_view chunk) {
      if (!completed_) handler_->onBody(chunk);
      return *this;
    }
    Exchange& complete(const Status& status = {}) {
      if (completed_) return *this;
      completed_ = true;
      auto handler = std::move(handler_);  // released after onComplete, like the real client
      handler->onComplete(status);
      return *this;
    }
    // respond + body + complete(ok).
    Exchange& reply(int status, std::initializer_list<Headers::Entry> headers, std::string_view body_) {
      return respond(status, headers).body(body_).complete();
    }

    bool completed() const noexcept { return completed_; }

    HttpRequest request;
    bool cancelled = false;
    int cancelCount = 0;
    Executor* executor() const noexcept { return executor_; }

   private:
    Executor* executor_;
    std::shared_ptr<HttpResponseHandler> handler_;
    bool completed_ = false;
  };

  std::shared_ptr<HttpExchange> send(Executor& executor, HttpRequest request,
                                     std::shared_ptr<HttpResponseHandler> handler) override {
    auto ex = std::make_shared<Exchange>(executor, std::move(request), std::move(handler));
    exchanges_.push_back(ex);
    return ex;
  }

  std::size_t count() const noexcept { return exchanges_.size(); }
  // The i-th exchange; by default the last one. Precondition: one was sent.
  Exchange& exchange(std::size_t i = SIZE_MAX) {
    return *exchanges_.at(i == SIZE_MAX ? exchanges_.size() - 1 : i);
  }

 private:
  std::vector<std::shared_ptr<Exchange>> exchanges_;
};

// ---------------------------------------------------------------------------
// Host services.
class MemoryKeyValueStore final : public KeyValueStore {
 public:
  Result<std::optional<std::string>> get(std::string_view key) override {
    std::lock_guard lock(mutex_);
    auto it = data_.find(std::string(key));
    if (it == data_.end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  Status put(std::string_view key, std::string_view value) override {
    std::lock_guard lock(mutex_);
    data_[std::string(key)] = std::string(value);
    return {};
  }
  Status erase(std::string_view key) override {
    std::lock_guard lock(mutex_);
    data_.erase(std::string(key));
    return {};
  }
  Result<std::vector<std::string>> keys(std::string_view prefix) override {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& [k, v] : data_)
      if (k.starts_with(prefix)) out.push_back(k);
    return out;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> data_;
};

// Not encryption: seal() = base64("sealed:" + plaintext), so tests can see that
// a plugin stores sealed values and round-trips them.
class FakeVault final : public SecretVault {
 public:
  Result<std::string> seal(std::string_view plaintext) override { return encode("sealed:" + std::string(plaintext)); }
  Result<std::string> open(std::string_view sealed) override {
    auto plain = decode(sealed);
    if (!plain || !plain->starts_with("sealed:")) return Status(StatusCode::kInvalidArgument, "vault: not a sealed value");
    return plain->substr(7);
  }

  static std::string encode(std::string_view in) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
      std::uint32_t v = (std::uint8_t(in[i]) << 16) | (std::uint8_t(in[i + 1]) << 8) | std::uint8_t(in[i + 2]);
      for (int s = 18; s >= 0; s -= 6) out.push_back(kAlphabet[(v >> s) & 63]);
    }
    if (i < in.size()) {
      std::uint32_t v = std::uint8_t(in[i]) << 16;
      if (i + 1 < in.size()) v |= std::uint8_t(in[i + 1]) << 8;
      out.push_back(kAlphabet[(v >> 18) & 63]);
      out.push_back(kAlphabet[(v >> 12) & 63]);
      out.push_back(i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=');
      out.push_back('=');
    }
    return out;
  }
  static std::optional<std::string> decode(std::string_view in) {
    auto val = [](char c) -> int {
      if (c >= 'A' && c <= 'Z') return c - 'A';
      if (c >= 'a' && c <= 'z') return c - 'a' + 26;
      if (c >= '0' && c <= '9') return c - '0' + 52;
      if (c == '+') return 62;
      if (c == '/') return 63;
      return -1;
    };
    if (in.size() % 4 != 0) return std::nullopt;
    std::string out;
    for (std::size_t i = 0; i < in.size(); i += 4) {
      std::uint32_t v = 0;
      int pad = 0;
      for (int k = 0; k < 4; ++k) {
        char c = in[i + k];
        if (c == '=') {
          ++pad;
          v <<= 6;
          continue;
        }
        int d = val(c);
        if (d < 0 || pad > 0) return std::nullopt;
        v = (v << 6) | std::uint32_t(d);
      }
      out.push_back(char((v >> 16) & 0xFF));
      if (pad < 2) out.push_back(char((v >> 8) & 0xFF));
      if (pad < 1) out.push_back(char(v & 0xFF));
    }
    return out;
  }
};

class RecordingAlertSink final : public AlertSink {
 public:
  void raise(Alert alert) noexcept override {
    std::lock_guard lock(mutex_);
    alerts_.push_back(std::move(alert));
  }
  std::vector<Alert> alerts() const {
    std::lock_guard lock(mutex_);
    return alerts_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Alert> alerts_;
};

// Records every line at every level (enabled() is always true).
class RecordingLogger final : public Logger {
 public:
  struct Line {
    LogLevel level;
    std::string message;
  };
  bool enabled(LogLevel) const noexcept override { return true; }
  void log(LogLevel level, std::string_view message) noexcept override {
    std::lock_guard lock(mutex_);
    lines_.push_back({level, std::string(message)});
  }
  std::vector<Line> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  // True if any line contains `needle` (e.g. to prove a secret was never logged).
  bool contains(std::string_view needle) const {
    std::lock_guard lock(mutex_);
    for (const auto& l : lines_)
      if (l.message.find(needle) != std::string::npos) return true;
    return false;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<Line> lines_;
};

class NoopMetrics final : public Metrics {
 public:
  Counter& counter(std::string_view, std::string_view, std::vector<std::pair<std::string, std::string>>) override {
    return counter_;
  }
  Histogram& histogram(std::string_view, std::string_view, std::vector<double>,
                       std::vector<std::pair<std::string, std::string>>) override {
    return histogram_;
  }

 private:
  struct NoopCounter final : Counter {
    void add(double) noexcept override {}
  } counter_;
  struct NoopHistogram final : Histogram {
    void observe(double) noexcept override {}
  } histogram_;
};

// ---------------------------------------------------------------------------
// FakeHost: every service above, public so tests can script and inspect them.
class FakeHost final : public Host {
 public:
  FakeHost() {
    static std::atomic<unsigned> counter{0};
    std::random_device rd;
    root_ = std::filesystem::temp_directory_path() /
            ("gateos-fakehost-" + std::to_string(rd()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(root_ / "assets");
  }
  ~FakeHost() override {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  Logger& logger() noexcept override { return logs; }
  HttpClient& http() noexcept override { return httpClient; }
  KeyValueStore& storage() noexcept override { return kv; }
  SecretVault& vault() noexcept override { return secrets; }
  AlertSink& alerts() noexcept override { return alertSink; }
  Metrics& metrics() noexcept override { return noopMetrics; }
  Executor& backgroundExecutor() noexcept override { return background; }

  // Runs `work` inline (tests stay single-threaded), then posts `done`.
  void runBlocking(std::function<void()> work, Executor& executor, std::function<void()> done) override {
    work();
    executor.post(std::move(done));
  }

  // <temp>/assets: copy fixture assets here before configure().
  std::filesystem::path assetDirectory() const override { return root_ / "assets"; }
  // <temp>/data, created on first call.
  std::filesystem::path dataDirectory() const override {
    std::filesystem::create_directories(root_ / "data");
    return root_ / "data";
  }

  RecordingLogger logs;
  FakeHttpClient httpClient;
  MemoryKeyValueStore kv;
  FakeVault secrets;
  RecordingAlertSink alertSink;
  NoopMetrics noopMetrics;
  FakeExecutor background;

 private:
  std::filesystem::path root_;
};

}  // namespace gateos::sdk::testing

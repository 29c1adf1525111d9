#pragma once
// A minimal sdk::Host for loader tests. Everything a plugin logs lands in a
// Journal the test keeps (it outlives the host), as "<plugin id>: <message>";
// the host adds "<plugin id>: host destroyed" when it dies, so tests can check
// that the object died before its host. Other services are inert stubs.

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "gateos/sdk/host.h"
#include "plugins/manifest.h"

namespace gateos::kernel::plugins::testing {

class Journal {
 public:
  void add(std::string line) {
    std::lock_guard lock(mutex_);
    lines_.push_back(std::move(line));
  }
  std::vector<std::string> lines() const {
    std::lock_guard lock(mutex_);
    return lines_;
  }
  // Lines of one plugin, without the "<id>: " prefix.
  std::vector<std::string> of(const std::string& id) const {
    std::vector<std::string> out;
    for (const auto& line : lines()) {
      if (line.rfind(id + ": ", 0) == 0) out.push_back(line.substr(id.size() + 2));
    }
    return out;
  }
  std::size_t count(const std::string& line) const {
    auto all = lines();
    return static_cast<std::size_t>(std::count(all.begin(), all.end(), line));
  }

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> lines_;
};

class FakeHost : public sdk::Host {
 public:
  FakeHost(std::string id, std::shared_ptr<Journal> journal) : logger_(id, journal), id_(id), journal_(journal) {}
  ~FakeHost() override { journal_->add(id_ + ": host destroyed"); }

  sdk::Logger& logger() noexcept override { return logger_; }
  sdk::HttpClient& http() noexcept override { return http_; }
  sdk::KeyValueStore& storage() noexcept override { return storage_; }
  sdk::SecretVault& vault() noexcept override { return vault_; }
  sdk::AlertSink& alerts() noexcept override { return alerts_; }
  sdk::Metrics& metrics() noexcept override { return metrics_; }
  sdk::Executor& backgroundExecutor() noexcept override { return executor_; }
  void runBlocking(std::function<void()> work, sdk::Executor&, std::function<void()> done) override {
    work();
    done();
  }
  std::filesystem::path assetDirectory() const override { return {}; }
  std::filesystem::path dataDirectory() const override { return {}; }

  // A HostFactory making FakeHosts that write to `journal`.
  static auto factory(std::shared_ptr<Journal> journal) {
    return [journal](const Manifest& m, std::shared_ptr<const void>) -> std::unique_ptr<sdk::Host> { return std::make_unique<FakeHost>(m.id, journal); };
  }

 private:
  struct JournalLogger : sdk::Logger {
    JournalLogger(std::string id, std::shared_ptr<Journal> journal) : id(std::move(id)), journal(std::move(journal)) {}
    bool enabled(sdk::LogLevel) const noexcept override { return true; }
    void log(sdk::LogLevel, std::string_view message) noexcept override { journal->add(id + ": " + std::string(message)); }
    std::string id;
    std::shared_ptr<Journal> journal;
  };
  struct NoHttp : sdk::HttpClient {
    std::shared_ptr<sdk::HttpExchange> send(sdk::Executor&, sdk::HttpRequest,
                                            std::shared_ptr<sdk::HttpResponseHandler> handler) override {
      handler->onComplete(sdk::Status(sdk::StatusCode::kUnavailable, "no network in loader tests"));
      return nullptr;
    }
  };
  struct NoStorage : sdk::KeyValueStore {
    sdk::Result<std::optional<std::string>> get(std::string_view) override { return std::optional<std::string>(); }
    sdk::Status put(std::string_view, std::string_view) override { return {}; }
    sdk::Status erase(std::string_view) override { return {}; }
    sdk::Result<std::vector<std::string>> keys(std::string_view) override { return std::vector<std::string>(); }
  };
  struct NoVault : sdk::SecretVault {
    sdk::Result<std::string> seal(std::string_view p) override { return std::string(p); }
    sdk::Result<std::string> open(std::string_view s) override { return std::string(s); }
  };
  struct NoAlerts : sdk::AlertSink {
    void raise(sdk::Alert) noexcept override {}
  };
  struct NullCounter : sdk::Counter {
    void add(double) noexcept override {}
  };
  struct NullHistogram : sdk::Histogram {
    void observe(double) noexcept override {}
  };
  struct NoMetrics : sdk::Metrics {
    sdk::Counter& counter(std::string_view, std::string_view, std::vector<std::pair<std::string, std::string>>) override {
      return counter_;
    }
    sdk::Histogram& histogram(std::string_view, std::string_view, std::vector<double>,
                              std::vector<std::pair<std::string, std::string>>) override {
      return histogram_;
    }
    NullCounter counter_;
    NullHistogram histogram_;
  };
  struct InlineExecutor : sdk::Executor {
    void post(std::function<void()> fn) override { fn(); }
    std::unique_ptr<sdk::TimerHandle> schedule(std::chrono::milliseconds, std::function<void()>) override {
      return nullptr;
    }
  };

  JournalLogger logger_;
  NoHttp http_;
  NoStorage storage_;
  NoVault vault_;
  NoAlerts alerts_;
  NoMetrics metrics_;
  InlineExecutor executor_;
  std::string id_;
  std::shared_ptr<Journal> journal_;
};

}  // namespace gateos::kernel::plugins::testing

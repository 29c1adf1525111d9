#pragma once
// Host services other than HTTP and logging: storage, secrets, alerts, metrics.
// All are thread-safe. Storage and vault calls may block on disk: call them from
// configure()/start() or from Host::runBlocking, never on an event loop.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk {

// Key-value storage namespaced to the calling plugin; durable across restarts.
class KeyValueStore {
 public:
  virtual ~KeyValueStore() = default;
  virtual Result<std::optional<std::string>> get(std::string_view key) = 0;
  virtual Status put(std::string_view key, std::string_view value) = 0;
  virtual Status erase(std::string_view key) = 0;
  virtual Result<std::vector<std::string>> keys(std::string_view prefix) = 0;
};

// Secrets encrypted at rest with the kernel's master key (libsodium secretbox).
class SecretVault {
 public:
  virtual ~SecretVault() = default;
  virtual Result<std::string> seal(std::string_view plaintext) = 0;   // -> opaque base64 token
  virtual Result<std::string> open(std::string_view sealed) = 0;      // -> plaintext
};

enum class AlertSeverity { kInfo, kWarning, kCritical };

// A security-log entry. Never put secret values in it: kinds, positions and
// short hashes only.
struct Alert {
  AlertSeverity severity = AlertSeverity::kWarning;
  std::string kind;     // e.g. "secret_redacted", "malicious_package"
  std::string message;  // human-readable, no secret content
  Json detail = Json::object();
  std::string requestId;
  std::string workspace;
};

class AlertSink {
 public:
  virtual ~AlertSink() = default;
  // Queues the alert; written off the hot path in batches. Never blocks.
  virtual void raise(Alert alert) noexcept = 0;
};

class Counter {
 public:
  virtual ~Counter() = default;
  virtual void add(double value = 1) noexcept = 0;
};

class Histogram {
 public:
  virtual ~Histogram() = default;
  virtual void observe(double value) noexcept = 0;
};

// Prometheus-style metrics. Names are prefixed "gateos_plugin_". Returned
// references live as long as the Host.
class Metrics {
 public:
  virtual ~Metrics() = default;
  virtual Counter& counter(std::string_view name, std::string_view help,
                           std::vector<std::pair<std::string, std::string>> labels = {}) = 0;
  virtual Histogram& histogram(std::string_view name, std::string_view help, std::vector<double> buckets,
                               std::vector<std::pair<std::string, std::string>> labels = {}) = 0;
};

}  // namespace gateos::sdk

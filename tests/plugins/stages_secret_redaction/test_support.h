#pragma once
// Helpers shared by the stages.secret_redaction tests.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "gateos/sdk/testing/fake_host.h"
#include "redaction_plugin.h"

namespace gateos::plugins::stages::secret_redaction::testing {

using sdk::ChatRequest;
using sdk::ContentBlock;
using sdk::Json;
using sdk::Message;
using sdk::Role;
using sdk::StreamEvent;

inline std::filesystem::path fixtureDir() { return GATEOS_SECRETS_FIXTURE_DIR; }
inline std::filesystem::path patternPackFile() { return GATEOS_SECRETS_PATTERN_PACK; }

inline std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct CorpusEntry {
  std::string id, kind, secret, text;
};

inline std::vector<CorpusEntry> loadCorpus() {
  std::vector<CorpusEntry> out;
  std::ifstream in(fixtureDir() / "secrets_corpus.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto j = Json::parse(line);
    out.push_back({j["id"], j["kind"], j["secret"], j["text"]});
  }
  return out;
}

// Counters by "name{label=value}".
class RecordingMetrics final : public sdk::Metrics {
 public:
  struct C final : sdk::Counter {
    double value = 0;
    void add(double v) noexcept override { value += v; }
  };
  sdk::Counter& counter(std::string_view name, std::string_view, std::vector<std::pair<std::string, std::string>> labels) override {
    std::string key(name);
    for (const auto& [k, v] : labels) key += "{" + k + "=" + v + "}";
    auto& c = counters[key];
    if (!c) c = std::make_unique<C>();
    return *c;
  }
  sdk::Histogram& histogram(std::string_view, std::string_view, std::vector<double>,
                            std::vector<std::pair<std::string, std::string>>) override {
    return fake.metrics().histogram("", "", {}, {});
  }
  double value(const std::string& key) const {
    auto it = counters.find(key);
    return it == counters.end() ? 0 : it->second->value;
  }
  std::map<std::string, std::unique_ptr<C>> counters;
  sdk::testing::FakeHost fake;
};

// FakeHost with recording metrics.
class TestHost final : public sdk::Host {
 public:
  sdk::Logger& logger() noexcept override { return fake.logger(); }
  sdk::HttpClient& http() noexcept override { return fake.http(); }
  sdk::KeyValueStore& storage() noexcept override { return fake.storage(); }
  sdk::SecretVault& vault() noexcept override { return fake.vault(); }
  sdk::AlertSink& alerts() noexcept override { return discardAlerts ? static_cast<sdk::AlertSink&>(nullAlerts) : fake.alerts(); }
  sdk::Metrics& metrics() noexcept override { return recordingMetrics; }
  sdk::Executor& backgroundExecutor() noexcept override { return fake.backgroundExecutor(); }
  void runBlocking(std::function<void()> w, sdk::Executor& e, std::function<void()> d) override {
    fake.runBlocking(std::move(w), e, std::move(d));
  }
  std::filesystem::path assetDirectory() const override { return fake.assetDirectory(); }
  std::filesystem::path dataDirectory() const override { return fake.dataDirectory(); }

  sdk::testing::FakeHost fake;
  RecordingMetrics recordingMetrics;
  // The benchmark drops alerts (the kernel queues them off the hot path); the
  // recording sink would keep every one and measure its own growth.
  struct NullAlertSink final : sdk::AlertSink {
    void raise(sdk::Alert) noexcept override {}
  } nullAlerts;
  bool discardAlerts = false;
};

// A configured plugin with a manual clock.
struct Harness {
  explicit Harness(const Json& config = Json::object()) {
    std::filesystem::copy_file(patternPackFile(), host.assetDirectory() / "patterns.json",
                               std::filesystem::copy_options::overwrite_existing);
    plugin.setClockForTesting([this] { return now; });
    status = plugin.configure(config, host);
    if (status) status = plugin.start();
  }
  ~Harness() { plugin.stop(); }

  sdk::RequestContext context(std::string workspace = "default", std::string key = "key-1",
                              std::string session = "") const {
    sdk::RequestContext c;
    c.requestId = "req-1";
    c.workspace = std::move(workspace);
    c.keyId = std::move(key);
    c.client.sessionId = std::move(session);
    return c;
  }

  TestHost host;
  SecretRedactionPlugin plugin;
  std::chrono::steady_clock::time_point now{std::chrono::hours(1000)};
  sdk::Status status;
};

inline ChatRequest userRequest(const std::string& text) {
  ChatRequest r;
  r.model = "gpt-4o";
  Message m;
  m.role = Role::kUser;
  m.content.push_back(ContentBlock::makeText(text));
  r.messages.push_back(std::move(m));
  return r;
}

inline Message textMessage(Role role, const std::string& text) {
  Message m;
  m.role = role;
  m.content.push_back(ContentBlock::makeText(text));
  return m;
}

inline Message toolCallMessage(const std::string& id, const std::string& arguments) {
  Message m;
  m.role = Role::kAssistant;
  ContentBlock b;
  b.type = ContentBlock::Type::kToolCall;
  b.toolCallId = id;
  b.toolName = "write_file";
  b.arguments = arguments;
  m.content.push_back(std::move(b));
  return m;
}

inline Message toolResultMessage(const std::string& id, const std::string& text) {
  Message m;
  m.role = Role::kTool;
  ContentBlock b;
  b.type = ContentBlock::Type::kToolResult;
  b.toolCallId = id;
  b.text = text;
  m.content.push_back(std::move(b));
  return m;
}

// Every string the provider would receive from this request.
inline std::string allText(const ChatRequest& r) {
  std::string out;
  for (const auto& m : r.messages)
    for (const auto& b : m.content) out += b.text + "\n" + b.arguments + "\n" + b.data + "\n";
  return out;
}

inline std::size_t countPlaceholders(std::string_view text) {
  std::size_t n = 0;
  for (auto p = text.find("[[GATEOS:"); p != std::string_view::npos; p = text.find("[[GATEOS:", p + 1)) ++n;
  return n;
}

// Collects the events a StageStream lets through.
struct RecordingSink final : sdk::EventSink {
  struct Event {
    StreamEvent::Type type;
    int index;
    std::string text;
  };
  void emit(const StreamEvent& e) noexcept override { events.push_back({e.type, e.index, std::string(e.text)}); }
  std::string text(StreamEvent::Type type = StreamEvent::Type::kTextDelta, int index = 0) const {
    std::string out;
    for (const auto& e : events)
      if (e.type == type && e.index == index) out += e.text;
    return out;
  }
  std::vector<Event> events;
};

inline StreamEvent delta(std::string_view text, StreamEvent::Type type = StreamEvent::Type::kTextDelta, int index = 0) {
  StreamEvent e;
  e.type = type;
  e.index = index;
  e.text = text;
  return e;
}

}  // namespace gateos::plugins::stages::secret_redaction::testing

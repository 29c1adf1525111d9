#include "redaction_plugin.h"

#include <sodium.h>

#include <algorithm>
#include <set>

#include "json_text.h"
#include "request_redactor.h"
#include "restore_stream.h"

namespace gateos::plugins::stages::secret_redaction {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

std::string hex(const unsigned char* bytes, std::size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

// A growing per-thread buffer for decoded request bodies.
class DecodeBuffer {
 public:
  char* reserve(std::size_t size) {
    if (size > capacity_) {
      data_ = std::make_unique<char[]>(size);
      capacity_ = size;
    }
    return data_.get();
  }
  char* data() noexcept { return data_.get(); }
  // Bodies above a few MB are rare: their buffer is not kept.
  void trim() noexcept {
    if (capacity_ > kKeepAtMost) {
      data_.reset();
      capacity_ = 0;
    }
  }

 private:
  static constexpr std::size_t kKeepAtMost = std::size_t(4) << 20;
  std::unique_ptr<char[]> data_;
  std::size_t capacity_ = 0;
};

// What wantsRequest leaves for onRequest of the same request: the decoded
// body and what Scanner::scanDocument found in each of its strings, so that
// the text blocks are not scanned twice. The kernel calls the two back to back
// on the request's executor; anything else (another request, no onRequest)
// only misses the memo and scans afresh. The decoded body is wiped by the
// next wantsRequest or onRequest on this thread.
struct DocumentMemo {
  const Scanner* scanner = nullptr;
  const sdk::RequestContext* context = nullptr;
  std::string requestId;
  DecodeBuffer buffer;
  std::size_t size = 0;
  std::vector<TextSpan> strings;
  std::vector<StringFinding> found;

  void release() noexcept {
    if (size != 0) wipeBytes(buffer.data(), size);
    size = 0;
    scanner = nullptr;
    context = nullptr;
    strings.clear();
    found.clear();
    buffer.trim();
  }
  bool heldFor(const sdk::RequestContext& c, const Scanner* s) const noexcept {
    return scanner != nullptr && scanner == s && context == &c && requestId == c.requestId;
  }
};

DocumentMemo& documentMemo() {
  thread_local DocumentMemo memo;
  return memo;
}

constexpr std::chrono::seconds kMaxSweepInterval{60};
constexpr std::size_t kConversationPrefix = 4096;

}  // namespace

SecretRedactionPlugin::SecretRedactionPlugin() : clock_([] { return std::chrono::steady_clock::now(); }) {}

SecretRedactionPlugin::~SecretRedactionPlugin() { stop(); }

Status SecretRedactionPlugin::configure(const Json& config, sdk::Host& host) {
  if (sodium_init() < 0) return Status(StatusCode::kInternal, "configure stages.secret_redaction: libsodium init failed");
  host_ = &host;
  const auto packFile = packFile_.empty() ? host.assetDirectory() / "patterns.json" : packFile_;
  auto pack = loadPatternPack(packFile);
  if (!pack) return pack.status().prefixed("configure stages.secret_redaction");
  std::error_code ec;
  auto cacheDir = host.dataDirectory() / "hs-cache";
  auto cfg = RedactionConfig::build(config, *pack, cacheDir);
  if (!cfg) return cfg.status().prefixed("configure stages.secret_redaction");
  config_ = std::move(cfg).value();
  packVersion_ = pack->name + "@" + pack->version;
  store_ = std::make_unique<ConversationStore>(config_->ttl(), clock_);

  std::set<std::string> kinds = {"custom_secret"};
  for (const auto& d : pack->detectors) kinds.insert(d.kind);
  if (config.is_object()) {
    auto addCustom = [&](const Json& level) {
      if (auto it = level.find("custom_patterns"); it != level.end())
        for (const auto& p : *it) kinds.insert(p.value("kind", std::string("secret")));
    };
    addCustom(config);
    if (auto it = config.find("workspaces"); it != config.end())
      for (const auto& [name, ws] : it->items()) addCustom(ws);
  }
  auto& metrics = host.metrics();
  for (const auto& kind : kinds)
    redactedByKind_[kind] = &metrics.counter("secrets_redacted_total", "Secrets replaced by placeholders before "
                                             "reaching a model provider", {{"kind", kind}});
  blocked_ = &metrics.counter("requests_blocked_total", "Requests refused because they held secrets (block mode)");
  host.logger().info("pattern pack {} loaded: {} detectors", packVersion_, pack->detectors.size());
  return {};
}

Status SecretRedactionPlugin::start() {
  running_ = std::make_shared<std::atomic<bool>>(true);
  scheduleSweep();
  return {};
}

void SecretRedactionPlugin::stop() {
  if (running_) running_->store(false);
  std::lock_guard lock(timerMutex_);
  sweepTimer_.reset();
  previousTimer_.reset();
}

void SecretRedactionPlugin::scheduleSweep() {
  if (!host_ || !store_) return;
  const auto interval = std::min<std::chrono::seconds>(store_->ttl(), kMaxSweepInterval);
  auto running = running_;
  std::lock_guard lock(timerMutex_);
  if (!running || !running->load()) return;
  // The handle of the timer that is firing now is kept until the next one
  // fires: it is never destroyed from inside its own callback.
  previousTimer_ = std::move(sweepTimer_);
  sweepTimer_ = host_->backgroundExecutor().schedule(
      std::chrono::duration_cast<std::chrono::milliseconds>(interval), [this, running] {
        if (!running->load()) return;
        store_->sweep();
        scheduleSweep();
      });
}

std::string SecretRedactionPlugin::conversationKey(const sdk::RequestContext& context,
                                                   const sdk::ChatRequest& request) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 16);
  auto add = [&](std::string_view s) {
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(s.data()), s.size());
    const unsigned char zero = 0;
    crypto_generichash_update(&state, &zero, 1);
  };
  add(context.workspace);
  add(context.keyId);
  if (!context.client.sessionId.empty()) {
    add("session");
    add(context.client.sessionId);
  } else {
    add("first-user-message");
    for (const auto& m : request.messages) {
      if (m.role != sdk::Role::kUser) continue;
      // Its first 4 KB and its length are enough to tell conversations of one
      // key apart; hashing a 200 KB paste whole cost a tenth of the stage's time.
      for (const auto& b : m.content) {
        if (b.type != sdk::ContentBlock::Type::kText && b.type != sdk::ContentBlock::Type::kToolResult) continue;
        add(std::string_view(b.text).substr(0, kConversationPrefix));
        add(std::to_string(b.text.size()));
      }
      break;
    }
  }
  unsigned char out[16];
  crypto_generichash_final(&state, out, sizeof out);
  return hex(out, sizeof out);
}

bool SecretRedactionPlugin::wantsRequest(const sdk::RequestContext& context, std::string_view rawBody) noexcept {
  try {
    if (!config_) return false;
    const Resolved settings = config_->resolve(context.workspace, context.keyId);
    if (!settings.enabled || !settings.profile->scanner) return false;
    const Scanner& scanner = *settings.profile->scanner;
    // The body decoded into this thread's memo buffer (no allocation or page
    // faults per request), with the spans of its JSON strings.
    DocumentMemo& memo = documentMemo();
    memo.release();
    bool backslash = false;
    char* const data = memo.buffer.reserve(rawBody.size());
    memo.size = unescapeJsonDocumentInto(rawBody, data, memo.strings, &backslash);
    const std::string_view once(data, memo.size);
    if (scanner.scanDocument(once, memo.strings, memo.found)) {
      memo.scanner = &scanner;
      memo.context = &context;
      memo.requestId = context.requestId;
      return true;  // onRequest takes the findings and wipes the buffer
    }
    bool found = false;
    // Nested JSON strings (tool-call arguments) are escaped twice in the body.
    if (backslash && (once.find("\\\"") != std::string_view::npos || once.find("\\/") != std::string_view::npos ||
                      once.find("\\u") != std::string_view::npos)) {
      thread_local DecodeBuffer twiceBuffer;
      char* const twiceData = twiceBuffer.reserve(once.size());
      const std::string_view twice(twiceData, unescapeJsonInto(once, twiceData, nullptr));
      found = scanner.containsSecret(twice);
      wipeBytes(twiceData, twice.size());
      twiceBuffer.trim();
    }
    memo.release();
    return found;
  } catch (...) {
    return true;  // let onRequest decide rather than pass a secret through
  }
}

Status SecretRedactionPlugin::onRequest(sdk::RequestContext& context, sdk::ChatRequest& request) noexcept {
  try {
    if (!config_) return {};
    const Resolved settings = config_->resolve(context.workspace, context.keyId);
    if (!settings.enabled || !settings.profile->scanner) return {};
    DocumentMemo& memo = documentMemo();
    struct Release {
      DocumentMemo& memo;
      ~Release() { memo.release(); }
    } release{memo};
    if (!memo.heldFor(context, settings.profile->scanner.get())) return redact(context, request, settings, nullptr);
    const DocumentFindings document{std::string_view(memo.buffer.data(), memo.size), &memo.strings, &memo.found};
    return redact(context, request, settings, &document);
  } catch (...) {
    // Fail closed: a request we could not inspect must not reach the provider.
    return Status(StatusCode::kInternal, "stages.secret_redaction: could not inspect the request");
  }
}

}  // namespace gateos::plugins::stages::secret_redaction

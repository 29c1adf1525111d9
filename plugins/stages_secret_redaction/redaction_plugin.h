#pragma once
// stages.secret_redaction: keeps secrets in prompts from reaching the model
// provider and puts them back into the answer.
//
//   wantsRequest  JSON-unescapes the raw body (twice when it holds nested JSON
//                 such as tool-call arguments) and runs the full detection on
//                 it, each JSON string by itself: false when there is no
//                 secret, so the request passes through byte for byte; when
//                 true, the findings per string are left for onRequest.
//   onRequest     replaces every secret in every message by a placeholder of
//                 the conversation (or refuses the request in block mode),
//                 raises one security alert, counts, adds the notice.
//   openResponse  a RestoreStream for answers of requests that had secrets.
//
// Thread-safety: after configure() the object holds only immutable settings
// (config_, shared with in-flight requests through shared_ptr), metric
// references, and the ConversationStore (internally locked; see there).
// Per-request state lives in RequestContext::annotations and the RestoreStream,
// and from wantsRequest to onRequest in a per-thread memo (redaction_plugin.cpp)
// that is only a cache: a miss means scanning again.

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "conversation_store.h"
#include "gateos/sdk/plugin.h"
#include "gateos/sdk/stage.h"
#include "redaction_config.h"
#include "request_redactor.h"

namespace gateos::plugins::stages::secret_redaction {

inline constexpr std::string_view kPluginId = "stages.secret_redaction";

class SecretRedactionPlugin final : public sdk::Plugin, public sdk::Stage {
 public:
  SecretRedactionPlugin();
  ~SecretRedactionPlugin() override;

  sdk::Status configure(const sdk::Json& config, sdk::Host& host) override;
  sdk::Status start() override;
  void stop() override;
  sdk::Stage* asStage() noexcept override { return this; }

  bool wantsRequest(const sdk::RequestContext& context, std::string_view rawBody) noexcept override;
  sdk::Status onRequest(sdk::RequestContext& context, sdk::ChatRequest& request) noexcept override;
  std::unique_ptr<sdk::StageStream> openResponse(sdk::RequestContext& context) noexcept override;

  // Tests: a clock for conversation expiry (call before configure()), and
  // where the pattern pack is read from (default: <assetDirectory>/patterns.json).
  void setClockForTesting(ConversationStore::Clock clock) { clock_ = std::move(clock); }
  void setPatternPackForTesting(std::filesystem::path file) { packFile_ = std::move(file); }
  ConversationStore* storeForTesting() noexcept { return store_.get(); }

  // The conversation key: sessionId when the client sends one, else the gateway
  // key and the first user message (hashed), within the workspace.
  static std::string conversationKey(const sdk::RequestContext& context, const sdk::ChatRequest& request);

 private:
  sdk::Status redact(sdk::RequestContext& context, sdk::ChatRequest& request, const Resolved& settings,
                     const DocumentFindings* document) noexcept;
  void scheduleSweep();

  sdk::Host* host_ = nullptr;
  std::shared_ptr<const RedactionConfig> config_;
  std::unique_ptr<ConversationStore> store_;
  ConversationStore::Clock clock_;
  std::filesystem::path packFile_;
  std::string packVersion_;
  std::map<std::string, sdk::Counter*> redactedByKind_;
  sdk::Counter* blocked_ = nullptr;
  std::mutex timerMutex_;
  std::unique_ptr<sdk::TimerHandle> sweepTimer_;
  std::unique_ptr<sdk::TimerHandle> previousTimer_;
  std::shared_ptr<std::atomic<bool>> running_;
};

}  // namespace gateos::plugins::stages::secret_redaction

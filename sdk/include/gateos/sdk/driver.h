#pragma once
// Kind "driver" (ids "drivers.*"): talks to one provider family.
//
// A driver plugin is loaded once; each configured provider (a driver plus base
// URL, credential and models) is a Provider object the driver opens. Providers
// are immutable once opened; reconfiguring a provider opens a new one.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/embedding.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/request_context.h"
#include "gateos/sdk/response_sink.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk {

struct ModelInfo {
  std::string id;  // the provider's own name, e.g. "gpt-4o-mini"
  std::string ownedBy;
  Json extra = Json::object();
};

struct ProviderSpec {
  std::string name;   // e.g. "openai" — models are addressed "<name>/<model>"
  Json options = Json::object();  // validated against the manifest's "provider_schema"
  std::string credential;         // decrypted API key; empty if none. Never log it.
};

// One call to the provider.
struct UpstreamCall {
  RequestContext* context = nullptr;
  // Canonical request; always set unless `passthrough` is true.
  const ChatRequest* request = nullptr;
  std::string_view upstreamModel;  // model name at the provider
  std::string_view operation = "chat";  // "chat", later "embeddings" ...

  // Pass-through: set when the client's dialect equals this provider's
  // wireDialect() and no stage must rewrite. `body` is the client's body with the
  // model already replaced; forward it and stream the provider's bytes back
  // through onBytes untouched ("no protocol cosplay").
  bool passthrough = false;
  std::string_view body;
  const Headers* clientHeaders = nullptr;  // to forward dialect headers (anthropic-beta ...)
};

// One embedding call to the provider.
struct EmbeddingCall {
  RequestContext* context = nullptr;
  const EmbeddingRequest* request = nullptr;  // valid until `done` ran
  std::string_view upstreamModel;              // model name at the provider
};

// Receives an embedding answer (or the error) once, on the call's executor.
using EmbeddingDone = std::function<void(Result<EmbeddingResponse>)>;

// A handle to cancel an upstream call (client went away, deadline).
class UpstreamCallHandle {
 public:
  virtual ~UpstreamCallHandle() = default;
  virtual void cancel() noexcept = 0;
};

class Provider {
 public:
  virtual ~Provider() = default;

  // Wire dialect the provider speaks natively, e.g. "openai.chat"; pass-through
  // happens only when it equals the client's. "" means canonical only.
  virtual std::string_view wireDialect() const noexcept = 0;

  // Starts a call on call.context->executor. Must not block.
  // OWNERSHIP: the driver keeps `sink` until after onComplete; the kernel keeps
  // the returned handle (may be null) until onComplete.
  virtual std::unique_ptr<UpstreamCallHandle> send(const UpstreamCall& call,
                                                   std::shared_ptr<ResponseSink> sink) noexcept = 0;

  // Starts an embedding call on call.context->executor; `done` runs exactly once
  // on that executor (never inline), with kCancelled after cancel(). Must not
  // block. Drivers without embeddings keep this default: kUnimplemented, which
  // the client sees as "not supported by this driver".
  // OWNERSHIP: the driver keeps `done` until it ran; the kernel keeps the
  // returned handle (may be null) until then.
  virtual std::unique_ptr<UpstreamCallHandle> embed(const EmbeddingCall& call, EmbeddingDone done) noexcept {
    try {
      Status status = Status(StatusCode::kUnimplemented, "embeddings are not supported by this driver")
                          .withReason("embeddings_not_supported")
                          .withHttpStatus(400);
      if (call.context != nullptr && call.context->executor != nullptr)
        call.context->executor->post([done = std::move(done), status] { done(status); });
    } catch (...) {
    }
    return nullptr;
  }

  // Models configured for the provider (no network).
  virtual std::vector<ModelInfo> configuredModels() const = 0;

  // Discovers models from the provider (e.g. GET /v1/models); `done` runs on `executor`.
  virtual void discoverModels(Executor& executor,
                              std::function<void(Result<std::vector<ModelInfo>>)> done) noexcept = 0;
};

class Driver {
 public:
  virtual ~Driver() = default;
  // Opens a provider; called on a control thread. Validates options beyond the schema.
  virtual Result<std::unique_ptr<Provider>> openProvider(const ProviderSpec& spec) noexcept = 0;
};

}  // namespace gateos::sdk

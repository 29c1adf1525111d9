#pragma once
// Kind "adapter" (ids "adapters.*"): one inbound API dialect. The kernel routes
// the adapter's paths to it, asks it to decode the client's request into the
// canonical model, and to encode canonical events and errors back.
// OpenAI Chat Completions is built into the kernel through this same interface.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/embedding.h"
#include "gateos/sdk/headers.h"
#include "gateos/sdk/request_context.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk {

struct AdapterRoute {
  std::string method;     // "POST"
  std::string path;       // "/v1/messages"
  // "chat" (summarize/decode/encoder), "embeddings" (decodeEmbedding/
  // encodeEmbedding), "models" and "show" (renderModels), "count_tokens",
  // "probe", "version" … (answerLocally).
  std::string operation;
};

// A model the gateway can route to, for model listings ("models", "show").
struct ModelListing {
  std::string name;      // what a client sends as "model": "provider/model" or an alias
  std::string provider;  // provider name
  std::string target;    // for an alias: the "provider/model" it points to; else empty
};

struct InboundRequest {
  std::string_view method;
  std::string_view path;
  std::string_view query;
  const Headers* headers = nullptr;
  std::string_view body;
};

// The few fields the kernel needs on the fast path, read without building the
// canonical request. decodeSummary also validates the JSON and field types.
struct RequestSummary {
  std::string model;
  bool stream = false;
  bool includeUsage = false;  // streaming clients that asked for a final usage event
};

// Encodes one answer in the client's dialect; one object per request.
class ResponseEncoder {
 public:
  virtual ~ResponseEncoder() = default;
  virtual std::string_view contentType() const noexcept = 0;
  // Appends wire bytes for the event to `out` (streaming: SSE frames; otherwise
  // accumulate and write everything in finish()).
  virtual void onEvent(const StreamEvent& event, std::string& out) noexcept = 0;
  // Appends the closing bytes ([DONE], the whole JSON body for non-streaming).
  virtual void finish(std::string& out) noexcept = 0;
  // Appends an in-stream error after the head was sent.
  virtual void streamError(const Status& status, std::string& out) noexcept = 0;
};

class Adapter {
 public:
  virtual ~Adapter() = default;

  virtual std::string_view dialect() const noexcept = 0;  // e.g. "anthropic.messages"
  virtual std::vector<AdapterRoute> routes() const = 0;

  // Validates JSON and the types of the fields the kernel reads.
  virtual Result<RequestSummary> summarize(const InboundRequest& request) const noexcept = 0;

  // Full decode into the canonical model (only when a stage or a foreign
  // dialect needs it).
  virtual Result<ChatRequest> decode(const InboundRequest& request) const noexcept = 0;

  // Returns the body with the model field replaced (pass-through path).
  virtual Result<std::string> replaceModel(std::string_view body, std::string_view model) const noexcept = 0;

  virtual std::unique_ptr<ResponseEncoder> makeEncoder(const RequestContext& context,
                                                       const RequestSummary& summary) const noexcept = 0;

  // An error in the dialect's format (body only; the kernel sets the status).
  virtual std::string renderError(const Status& status) const noexcept = 0;

  // Embeddings ("embeddings" routes): the client's body as a canonical
  // request, and the answer in the dialect (body only, status 200,
  // application/json); `request.path` tells routes of one dialect apart.
  // The defaults refuse: the adapter has no embeddings route.
  virtual Result<EmbeddingRequest> decodeEmbedding(const InboundRequest& request) const noexcept {
    (void)request;
    return Status(StatusCode::kUnimplemented, "embeddings are not offered by this dialect");
  }
  virtual Result<std::string> encodeEmbedding(const InboundRequest& request, const EmbeddingRequest& decoded,
                                              const EmbeddingResponse& response) const noexcept {
    (void)request, (void)decoded, (void)response;
    return Status(StatusCode::kUnimplemented, "embeddings are not offered by this dialect");
  }

  // Model listings: "models" routes get every routable model; "show" routes
  // get the one model the body names (the kernel reads it with summarize()
  // and answers an unknown model with kNotFound itself). Returns the body
  // (application/json, status 200).
  virtual Result<std::string> renderModels(const InboundRequest& request, std::string_view operation,
                                           const std::vector<ModelListing>& models) const noexcept {
    (void)request, (void)models;
    return Status(StatusCode::kUnimplemented, "operation \"" + std::string(operation) + "\" is not rendered");
  }

  // Answers a route whose operation the adapter serves itself, without any
  // provider (e.g. "count_tokens" as a local estimate, "probe" for HEAD /).
  // Called on the request's event loop after authentication; must not block.
  // Returns the response body (content type application/json, status 200; an
  // empty body for HEAD), or a Status the kernel renders with renderError().
  // kUnimplemented (the default) means the adapter has no local answer for
  // that operation and the kernel must route it (or refuse it).
  virtual Result<std::string> answerLocally(const InboundRequest& request, std::string_view operation) const noexcept {
    (void)request;
    return Status(StatusCode::kUnimplemented, "operation \"" + std::string(operation) + "\" is not answered locally");
  }
};

}  // namespace gateos::sdk

#pragma once
// Kind "stage" (ids "stages.*"): a pipeline step. Input stages run in order on the
// canonical request; output stages see every response event in reverse order.

#include <memory>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/request_context.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk {

// Where a StageStream sends the events it lets through (possibly rewritten,
// delayed or added to).
class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void emit(const StreamEvent& event) noexcept = 0;
};

// Per-request output processing; created by Stage::openResponse and owned by
// the request. Runs on the request's executor.
class StageStream {
 public:
  virtual ~StageStream() = default;
  // Passes `event` on to `next`, changed or not. May hold text back (e.g. a
  // placeholder split across chunks) but must release it in onEnd.
  virtual void onEvent(const StreamEvent& event, EventSink& next) noexcept = 0;
  // End of the answer (before kFinish is forwarded): flush whatever was held.
  virtual void onEnd(EventSink& next) noexcept = 0;
};

class Stage {
 public:
  virtual ~Stage() = default;

  // Fast path, called on the request's executor with the client's raw body
  // before anything is decoded. Return false when the stage has nothing to do
  // for this request: then onRequest/openResponse are not called for it, and
  // when no stage wants the request the kernel may forward the bytes untouched
  // (pass-through). Must be cheap (a scan, no allocation per byte).
  virtual bool wantsRequest(const RequestContext& context, std::string_view rawBody) noexcept {
    (void)context;
    (void)rawBody;
    return true;
  }

  // Called on the request's executor before routing. May rewrite the request or
  // annotate the context; a non-OK status refuses the request with that error.
  virtual Status onRequest(RequestContext& context, ChatRequest& request) noexcept = 0;

  // Returns a per-request response processor, or null when the stage does not
  // need to see this answer.
  virtual std::unique_ptr<StageStream> openResponse(RequestContext& context) noexcept {
    (void)context;
    return nullptr;
  }
};

}  // namespace gateos::sdk

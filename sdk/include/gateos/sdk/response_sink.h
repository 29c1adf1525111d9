#pragma once
// Where a driver delivers a provider's answer. Implemented by the kernel, one per
// upstream call; every method is called on the request's executor and must
// not throw.
//
// Order: onHead once, then either onBytes* (pass-through) or onEvent*
// (canonical), then onComplete exactly once. A failure before any answer is
// reported by onComplete alone with the error status (the kernel renders it in
// the client's dialect). After onComplete nothing may be called.

#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/headers.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk {

struct ResponseHead {
  int status = 200;
  bool streaming = false;    // the answer is a stream (SSE / NDJSON)
  bool passthrough = false;  // onBytes will carry the provider's body in the client's dialect
  std::string_view contentType;              // for pass-through
  const Headers* upstreamHeaders = nullptr;  // for pass-through of e.g. x-request-id
};

class ResponseSink {
 public:
  virtual ~ResponseSink() = default;
  virtual void onHead(const ResponseHead& head) noexcept = 0;
  virtual void onBytes(std::string_view bytes) noexcept = 0;
  virtual void onEvent(const StreamEvent& event) noexcept = 0;
  virtual void onComplete(const Status& status) noexcept = 0;
};

}  // namespace gateos::sdk

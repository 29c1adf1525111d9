#pragma once
// The answer side of a provider's wire format, as HttpDriverCall drives it:
// one decoder per upstream call, created when a 2xx head arrived and the call
// is not a pass-through. The call hands it
//   - every payload of a streamed answer: the "data:" of each SSE event
//     (text/event-stream) or each non-empty line of an NDJSON stream
//     (application/x-ndjson), in order, split exactly at event/line bounds;
//   - finish() when the streamed body ended;
//   - or the whole body of a non-streaming answer (decodeWhole).
// Decoded events go to the Emit callback given at construction. A non-OK
// status abandons the exchange and ends the call with that error.
// Runs on the request's executor; never throws (except std::bad_alloc).

#include <functional>
#include <memory>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/headers.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::http_driver {

using Emit = std::function<void(const StreamEvent&)>;

class ResponseDecoder {
 public:
  virtual ~ResponseDecoder() = default;
  virtual Status feed(std::string_view payload) = 0;
  virtual Status finish() = 0;
  virtual Status decodeWhole(std::string_view body) = 0;
};

// Makes the decoder of one call; `emit` outlives the decoder.
using DecoderFactory = std::function<std::unique_ptr<ResponseDecoder>(Emit emit)>;

// The Status for an upstream non-2xx answer (body cut to 1 MB), e.g.
// codec::openai_chat::statusFromUpstreamError.
using ErrorMapper = Status (*)(int httpStatus, std::string_view body, const Headers& headers);

// A ResponseDecoder over a codec's StreamDecoder class (constructed from an
// Emit, with feed/finish) and its decodeResponse(body, onEvent) function —
// the shape every codec in gateos/sdk/codec has.
template <class StreamDecoderT, Status (*DecodeWhole)(std::string_view, const std::function<void(const StreamEvent&)>&)>
class CodecResponseDecoder final : public ResponseDecoder {
 public:
  explicit CodecResponseDecoder(Emit emit) : emit_(std::move(emit)), stream_(emit_) {}
  Status feed(std::string_view payload) override { return stream_.feed(payload); }
  Status finish() override { return stream_.finish(); }
  Status decodeWhole(std::string_view body) override { return DecodeWhole(body, emit_); }

  static DecoderFactory factory() {
    return [](Emit emit) -> std::unique_ptr<ResponseDecoder> {
      return std::make_unique<CodecResponseDecoder>(std::move(emit));
    };
  }

 private:
  Emit emit_;
  StreamDecoderT stream_;
};

}  // namespace gateos::sdk::http_driver

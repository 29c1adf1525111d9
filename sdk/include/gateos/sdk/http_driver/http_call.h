#pragma once
// The response side of one HTTP driver call, shared by every driver that talks
// to its provider over HTTP: receives the upstream answer and feeds the
// kernel's ResponseSink. A driver plugs in only its wire format (a
// DecoderFactory and an ErrorMapper, see response_decoder.h).
//   2xx pass-through: onHead(passthrough) then every body chunk as received.
//   2xx canonical:    SSE (text/event-stream) or NDJSON (application/x-ndjson)
//                     framing + the decoder's feed/finish, or decodeWhole for
//                     any other content type -> onHead + onEvent*.
//                     The head waits for the first event, so an error in the
//                     first chunk still reaches the client with its status.
//   non-2xx:          body kept (up to 1 MB) -> onComplete(ErrorMapper(...)), no onHead.
//   transport:        kUnavailable (502) / kDeadlineExceeded (504) as given.
// Every error message is prefixed "upstream <provider>: ".
// Lives on the request's executor; owned by the HttpClient until onComplete.

#include <memory>
#include <optional>
#include <string>

#include "gateos/sdk/driver.h"
#include "gateos/sdk/http_client.h"
#include "gateos/sdk/http_driver/response_decoder.h"
#include "gateos/sdk/util/sse_parser.h"

namespace gateos::sdk::http_driver {

class HttpDriverCall final : public HttpResponseHandler {
 public:
  HttpDriverCall(std::string providerName, bool passthrough, std::shared_ptr<ResponseSink> sink,
                 DecoderFactory decoders, ErrorMapper errors);

  // Given right after HttpClient::send so a decode failure can abort the exchange.
  void setExchange(std::weak_ptr<HttpExchange> exchange) { exchange_ = std::move(exchange); }

  void onHeaders(int status, const Headers& headers) noexcept override;
  void onBody(std::string_view chunk) noexcept override;
  void onComplete(const Status& status) noexcept override;

  static constexpr std::size_t kMaxJsonBody = 64u << 20;
  static constexpr std::size_t kMaxErrorBody = 1u << 20;  // bytes kept of a non-2xx body
  static constexpr std::size_t kMaxLine = 16u << 20;      // one NDJSON line

 private:
  enum class Mode { kNone, kPassthrough, kSse, kNdjson, kJson, kError };

  void feedPayload(std::string_view payload);
  void feedNdjson(std::string_view chunk);
  void emit(const StreamEvent& event);
  void ensureHead();
  void fail(Status status);
  void finish(const Status& status);
  Status upstream(const Status& status) const;
  Status upstreamError() const;

  std::string name_;
  bool passthrough_;
  std::shared_ptr<ResponseSink> sink_;
  DecoderFactory decoders_;
  ErrorMapper errors_;
  std::unique_ptr<ResponseDecoder> decoder_;
  std::weak_ptr<HttpExchange> exchange_;
  Mode mode_ = Mode::kNone;
  int status_ = 0;
  Headers headers_;
  std::string contentType_;
  std::string body_;  // error body, non-streaming JSON, or an incomplete NDJSON line
  util::SseParser parser_;
  bool streaming_ = false;
  bool headSent_ = false;
  bool done_ = false;
  std::optional<Status> failure_;
};

// The handle the kernel keeps to cancel a call.
class HttpDriverCallHandle final : public UpstreamCallHandle {
 public:
  explicit HttpDriverCallHandle(std::shared_ptr<HttpExchange> exchange) : exchange_(std::move(exchange)) {}
  void cancel() noexcept override {
    if (exchange_) exchange_->cancel();
  }

 private:
  std::shared_ptr<HttpExchange> exchange_;
};

}  // namespace gateos::sdk::http_driver

#pragma once
// The response side of one chat call: receives the upstream HTTP answer and
// feeds the kernel's ResponseSink.
//   2xx pass-through: onHead(passthrough) then every body chunk as received.
//   2xx canonical:    SSE parser + StreamDecoder (event stream) or
//                     decodeResponse (JSON) -> onHead + onEvent*, with the
//                     Chat Completions or the Responses codec.
//   non-2xx:          body kept (up to 1 MB) -> onComplete(upstream error), no onHead.
// Lives on the request's executor; owned by the HttpClient until onComplete.

#include <memory>
#include <optional>
#include <string>

#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_responses.h"
#include "gateos/sdk/driver.h"
#include "gateos/sdk/http_client.h"
#include "gateos/sdk/util/sse_parser.h"

namespace gateos::plugins::drivers::openai {

class OpenAiCallHandler final : public sdk::HttpResponseHandler {
 public:
  OpenAiCallHandler(std::string providerName, bool passthrough, bool responses,
                    std::shared_ptr<sdk::ResponseSink> sink);

  // Given right after HttpClient::send so a decode failure can abort the exchange.
  void setExchange(std::weak_ptr<sdk::HttpExchange> exchange) { exchange_ = std::move(exchange); }

  void onHeaders(int status, const sdk::Headers& headers) noexcept override;
  void onBody(std::string_view chunk) noexcept override;
  void onComplete(const sdk::Status& status) noexcept override;

 private:
  enum class Mode { kNone, kPassthrough, kSse, kJson, kError };
  static constexpr std::size_t kMaxJsonBody = 64u << 20;
  static constexpr std::size_t kMaxErrorBody = 1u << 20;  // bytes kept of a non-2xx body

  void emit(const sdk::StreamEvent& event);
  sdk::Status feedDecoder(std::string_view data);
  sdk::Status finishDecoder();
  sdk::Status decodeWhole();
  void ensureHead();
  void fail(sdk::Status status);
  void finish(const sdk::Status& status);
  sdk::Status upstream(const sdk::Status& status) const;

  std::string name_;
  bool passthrough_;
  bool responses_;  // the upstream speaks the Responses API
  std::shared_ptr<sdk::ResponseSink> sink_;
  std::weak_ptr<sdk::HttpExchange> exchange_;
  Mode mode_ = Mode::kNone;
  int status_ = 0;
  sdk::Headers headers_;
  std::string contentType_;
  std::string body_;  // error body or non-streaming JSON
  sdk::util::SseParser parser_;
  sdk::codec::openai_chat::StreamDecoder decoder_;
  sdk::codec::openai_responses::StreamDecoder responsesDecoder_;
  bool streaming_ = false;
  bool headSent_ = false;
  bool done_ = false;
  std::optional<sdk::Status> failure_;
};

class OpenAiCallHandle final : public sdk::UpstreamCallHandle {
 public:
  explicit OpenAiCallHandle(std::shared_ptr<sdk::HttpExchange> exchange) : exchange_(std::move(exchange)) {}
  void cancel() noexcept override {
    if (exchange_) exchange_->cancel();
  }

 private:
  std::shared_ptr<sdk::HttpExchange> exchange_;
};

}  // namespace gateos::plugins::drivers::openai

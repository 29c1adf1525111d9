#include "openai_call.h"

namespace gateos::plugins::drivers::openai {

namespace codec = sdk::codec::openai_chat;

namespace {
bool isEventStream(std::string_view contentType) {
  return contentType.substr(0, 17) == "text/event-stream";
}
}  // namespace

OpenAiCallHandler::OpenAiCallHandler(std::string providerName, bool passthrough, bool responses,
                                     std::shared_ptr<sdk::ResponseSink> sink)
    : name_(std::move(providerName)),
      passthrough_(passthrough),
      responses_(responses),
      sink_(std::move(sink)),
      decoder_([this](const sdk::StreamEvent& e) { emit(e); }),
      responsesDecoder_([this](const sdk::StreamEvent& e) { emit(e); }) {}

sdk::Status OpenAiCallHandler::feedDecoder(std::string_view data) {
  return responses_ ? responsesDecoder_.feed(data) : decoder_.feed(data);
}

sdk::Status OpenAiCallHandler::finishDecoder() { return responses_ ? responsesDecoder_.finish() : decoder_.finish(); }

sdk::Status OpenAiCallHandler::decodeWhole() {
  auto onEvent = [this](const sdk::StreamEvent& e) { emit(e); };
  return responses_ ? sdk::codec::openai_responses::decodeResponse(body_, onEvent) : codec::decodeResponse(body_, onEvent);
}

sdk::Status OpenAiCallHandler::upstream(const sdk::Status& status) const { return status.prefixed("upstream " + name_); }

void OpenAiCallHandler::onHeaders(int status, const sdk::Headers& headers) noexcept {
  if (done_) return;
  try {
    status_ = status;
    headers_ = headers;
    contentType_ = std::string(headers_.get("content-type"));
    streaming_ = isEventStream(contentType_);
    if (status < 200 || status >= 300) {
      mode_ = Mode::kError;
    } else if (passthrough_) {
      mode_ = Mode::kPassthrough;
      sdk::ResponseHead head;
      head.status = status;
      head.streaming = streaming_;
      head.passthrough = true;
      head.contentType = contentType_;
      head.upstreamHeaders = &headers_;
      headSent_ = true;
      sink_->onHead(head);
    } else {
      mode_ = streaming_ ? Mode::kSse : Mode::kJson;
    }
  } catch (const std::exception& e) {
    fail(sdk::Status(sdk::StatusCode::kInternal, std::string("upstream ") + name_ + ": " + e.what()));
  }
}

void OpenAiCallHandler::onBody(std::string_view chunk) noexcept {
  if (done_ || failure_) return;
  try {
    switch (mode_) {
      case Mode::kPassthrough:
        sink_->onBytes(chunk);  // exactly as received: no re-framing, no buffering
        return;
      case Mode::kSse:
        parser_.feed(chunk, [this](const sdk::util::SseEvent& event) {
          if (failure_ || event.data.empty()) return;
          if (auto s = feedDecoder(event.data); !s) fail(upstream(s));
        });
        return;
      case Mode::kError:
        if (body_.size() < kMaxErrorBody) body_.append(chunk.substr(0, kMaxErrorBody - body_.size()));
        return;
      case Mode::kJson:
        if (body_.size() + chunk.size() > kMaxJsonBody)
          fail(sdk::Status(sdk::StatusCode::kUpstreamError, "upstream " + name_ + ": response larger than 64 MB"));
        else
          body_.append(chunk);
        return;
      case Mode::kNone:
        return;
    }
  } catch (const std::exception& e) {
    fail(sdk::Status(sdk::StatusCode::kInternal, "upstream " + name_ + ": " + e.what()));
  }
}

void OpenAiCallHandler::onComplete(const sdk::Status& status) noexcept {
  if (done_) return;
  try {
    if (failure_) return finish(*failure_);
    if (!status.isOk()) {
      if (mode_ == Mode::kError)  // the body was cut short; the status line still says what happened
        return finish(upstream(codec::statusFromUpstreamError(status_, body_, headers_)));
      if (status.code() == sdk::StatusCode::kCancelled) return finish(status);
      return finish(upstream(status));  // transport: kUnavailable -> 502, kDeadlineExceeded -> 504
    }
    switch (mode_) {
      case Mode::kError:
        return finish(upstream(codec::statusFromUpstreamError(status_, body_, headers_)));
      case Mode::kPassthrough:
        return finish({});
      case Mode::kSse: {
        parser_.finish([this](const sdk::util::SseEvent& event) {
          if (failure_ || event.data.empty()) return;
          if (auto s = feedDecoder(event.data); !s) fail(upstream(s));
        });
        if (failure_) return finish(*failure_);
        if (auto s = finishDecoder(); !s) return finish(upstream(s));
        ensureHead();
        return finish({});
      }
      case Mode::kJson: {
        if (auto s = decodeWhole(); !s)
          return finish(upstream(s));
        ensureHead();
        return finish({});
      }
      case Mode::kNone:
        return finish(sdk::Status(sdk::StatusCode::kUnavailable, "upstream " + name_ + ": no response"));
    }
  } catch (const std::exception& e) {
    finish(sdk::Status(sdk::StatusCode::kInternal, "upstream " + name_ + ": " + e.what()));
  }
}

void OpenAiCallHandler::ensureHead() {
  if (headSent_) return;
  headSent_ = true;
  sdk::ResponseHead head;
  head.status = 200;
  head.streaming = streaming_;
  head.passthrough = false;
  sink_->onHead(head);
}

void OpenAiCallHandler::emit(const sdk::StreamEvent& event) {
  if (done_) return;
  // The head waits for the first event, so an error in the first chunk still
  // reaches the client with its own HTTP status.
  ensureHead();
  sink_->onEvent(event);
}

void OpenAiCallHandler::fail(sdk::Status status) {
  if (failure_ || done_) return;
  failure_ = std::move(status);
  // Abort the transfer; its onComplete(kCancelled) then reports failure_.
  if (auto exchange = exchange_.lock()) exchange->cancel();
}

void OpenAiCallHandler::finish(const sdk::Status& status) {
  if (done_) return;
  done_ = true;
  auto sink = std::move(sink_);
  sink->onComplete(status);
}

}  // namespace gateos::plugins::drivers::openai

#include "gateos/sdk/http_driver/http_call.h"

namespace gateos::sdk::http_driver {

namespace {
bool startsWithIgnoreCase(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && Headers::equalsIgnoreCase(text.substr(0, prefix.size()), prefix);
}
}  // namespace

HttpDriverCall::HttpDriverCall(std::string providerName, bool passthrough, std::shared_ptr<ResponseSink> sink,
                               DecoderFactory decoders, ErrorMapper errors)
    : name_(std::move(providerName)),
      passthrough_(passthrough),
      sink_(std::move(sink)),
      decoders_(std::move(decoders)),
      errors_(errors) {}

Status HttpDriverCall::upstream(const Status& status) const { return status.prefixed("upstream " + name_); }

Status HttpDriverCall::upstreamError() const { return upstream(errors_(status_, body_, headers_)); }

void HttpDriverCall::onHeaders(int status, const Headers& headers) noexcept {
  if (done_) return;
  try {
    status_ = status;
    headers_ = headers;
    contentType_ = std::string(headers_.get("content-type"));
    const bool sse = startsWithIgnoreCase(contentType_, "text/event-stream");
    const bool ndjson = startsWithIgnoreCase(contentType_, "application/x-ndjson");
    streaming_ = sse || ndjson;
    if (status < 200 || status >= 300) {
      mode_ = Mode::kError;
    } else if (passthrough_) {
      mode_ = Mode::kPassthrough;
      ResponseHead head;
      head.status = status;
      head.streaming = streaming_;
      head.passthrough = true;
      head.contentType = contentType_;
      head.upstreamHeaders = &headers_;
      headSent_ = true;
      sink_->onHead(head);
    } else {
      mode_ = sse ? Mode::kSse : ndjson ? Mode::kNdjson : Mode::kJson;
      decoder_ = decoders_([this](const StreamEvent& e) { emit(e); });
    }
  } catch (const std::exception& e) {
    fail(Status(StatusCode::kInternal, "upstream " + name_ + ": " + e.what()));
  }
}

void HttpDriverCall::feedPayload(std::string_view payload) {
  if (failure_ || payload.empty()) return;
  if (auto s = decoder_->feed(payload); !s) fail(upstream(s));
}

void HttpDriverCall::feedNdjson(std::string_view chunk) {
  // Complete lines are decoded straight from the chunk; only a line split
  // across chunks is copied (into body_).
  while (!chunk.empty() && !failure_) {
    auto nl = chunk.find('\n');
    if (nl == std::string_view::npos) {
      if (body_.size() + chunk.size() > kMaxLine)
        return fail(Status(StatusCode::kUpstreamError, "upstream " + name_ + ": stream line larger than 16 MB"));
      body_.append(chunk);
      return;
    }
    std::string_view line = chunk.substr(0, nl);
    chunk.remove_prefix(nl + 1);
    if (!body_.empty()) {
      body_.append(line);
      std::string whole = std::move(body_);
      body_.clear();
      if (!whole.empty() && whole.back() == '\r') whole.pop_back();
      feedPayload(whole);
    } else {
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      feedPayload(line);
    }
  }
}

void HttpDriverCall::onBody(std::string_view chunk) noexcept {
  if (done_ || failure_) return;
  try {
    switch (mode_) {
      case Mode::kPassthrough:
        sink_->onBytes(chunk);  // exactly as received: no re-framing, no buffering
        return;
      case Mode::kSse:
        parser_.feed(chunk, [this](const util::SseEvent& event) { feedPayload(event.data); });
        return;
      case Mode::kNdjson:
        feedNdjson(chunk);
        return;
      case Mode::kError:
        if (body_.size() < kMaxErrorBody) body_.append(chunk.substr(0, kMaxErrorBody - body_.size()));
        return;
      case Mode::kJson:
        if (body_.size() + chunk.size() > kMaxJsonBody)
          fail(Status(StatusCode::kUpstreamError, "upstream " + name_ + ": response larger than 64 MB"));
        else
          body_.append(chunk);
        return;
      case Mode::kNone:
        return;
    }
  } catch (const std::exception& e) {
    fail(Status(StatusCode::kInternal, "upstream " + name_ + ": " + e.what()));
  }
}

void HttpDriverCall::onComplete(const Status& status) noexcept {
  if (done_) return;
  try {
    if (failure_) return finish(*failure_);
    if (!status.isOk()) {
      if (mode_ == Mode::kError) return finish(upstreamError());  // body cut short; the status line says enough
      if (status.code() == StatusCode::kCancelled) return finish(status);
      return finish(upstream(status));  // transport: kUnavailable -> 502, kDeadlineExceeded -> 504
    }
    switch (mode_) {
      case Mode::kError:
        return finish(upstreamError());
      case Mode::kPassthrough:
        return finish({});
      case Mode::kSse:
      case Mode::kNdjson: {
        if (mode_ == Mode::kSse) {
          parser_.finish([this](const util::SseEvent& event) { feedPayload(event.data); });
        } else if (!body_.empty()) {  // a last line without its newline
          std::string last = std::move(body_);
          body_.clear();
          feedPayload(last);
        }
        if (failure_) return finish(*failure_);
        if (auto s = decoder_->finish(); !s) return finish(upstream(s));
        ensureHead();
        return finish({});
      }
      case Mode::kJson: {
        if (auto s = decoder_->decodeWhole(body_); !s) return finish(upstream(s));
        ensureHead();
        return finish({});
      }
      case Mode::kNone:
        return finish(Status(StatusCode::kUnavailable, "upstream " + name_ + ": no response"));
    }
  } catch (const std::exception& e) {
    finish(Status(StatusCode::kInternal, "upstream " + name_ + ": " + e.what()));
  }
}

void HttpDriverCall::ensureHead() {
  if (headSent_) return;
  headSent_ = true;
  ResponseHead head;
  head.status = 200;
  head.streaming = streaming_;
  head.passthrough = false;
  sink_->onHead(head);
}

void HttpDriverCall::emit(const StreamEvent& event) {
  if (done_) return;
  ensureHead();
  sink_->onEvent(event);
}

void HttpDriverCall::fail(Status status) {
  if (failure_ || done_) return;
  failure_ = std::move(status);
  // Abort the transfer; its onComplete(kCancelled) then reports failure_.
  if (auto exchange = exchange_.lock()) exchange->cancel();
}

void HttpDriverCall::finish(const Status& status) {
  if (done_) return;
  done_ = true;
  auto sink = std::move(sink_);
  sink->onComplete(status);
}

}  // namespace gateos::sdk::http_driver

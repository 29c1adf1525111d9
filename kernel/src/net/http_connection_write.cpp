// HttpConnection: the response side (what ResponseWriter calls end up in).
#include <charconv>

#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/status.hpp>
#include <spdlog/spdlog.h>

#include "net/http_connection.h"

namespace gateos::kernel::net {
namespace asio = boost::asio;
namespace http = boost::beast::http;

namespace {

constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kFinalChunk = "0\r\n\r\n";

bool bodyAllowed(int status) noexcept { return status >= 200 && status != 204 && status != 304; }

// Framing and connection-management headers are the server's to write.
bool isHopByHop(std::string_view name) noexcept {
  using sdk::Headers;
  return Headers::equalsIgnoreCase(name, "content-length") || Headers::equalsIgnoreCase(name, "transfer-encoding") ||
         Headers::equalsIgnoreCase(name, "connection") || Headers::equalsIgnoreCase(name, "keep-alive");
}

void appendNumber(std::string& out, uint64_t value) {
  char digits[24];
  auto result = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, result.ptr);
}

std::optional<uint64_t> parseLength(std::string_view text) noexcept {
  uint64_t value = 0;
  auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

void HttpConnection::send(uint64_t serial, int status, const sdk::Headers& headers, std::string body) {
  if (serial != serial_ || response_ != Response::kNone || gone_ || closed_) return;
  response_ = Response::kEnded;
  bool withBody = bodyAllowed(status);
  noBody_ = headRequest_ || !withBody;
  writeHead(status, headers, withBody, body.size());
  if (!noBody_ && !body.empty()) queue(std::move(body), false);
  flush();
}

void HttpConnection::beginStream(uint64_t serial, int status, const sdk::Headers& headers) {
  if (serial != serial_ || response_ != Response::kNone || gone_ || closed_) return;
  response_ = Response::kStreaming;
  bool withBody = bodyAllowed(status);
  noBody_ = headRequest_ || !withBody;
  if (withBody) {
    if (headers.has("content-length")) declaredLength_ = parseLength(headers.get("content-length"));
    if (!declaredLength_) {
      if (http10_)
        keepAlive_ = false;  // no chunked encoding in HTTP/1.0: the close ends the body
      else
        chunked_ = true;
    }
  }
  writeHead(status, headers, declaredLength_.has_value(), declaredLength_.value_or(0));
  flush();
}

void HttpConnection::write(uint64_t serial, std::string chunk) {
  if (serial != serial_ || response_ != Response::kStreaming || gone_ || closed_) return;
  if (noBody_ || chunk.empty()) return;  // an empty chunk would end a chunked body
  bodyBytes_ += chunk.size();
  queue(std::move(chunk), chunked_);
  flush();
}

void HttpConnection::end(uint64_t serial) {
  if (serial != serial_ || response_ != Response::kStreaming) return;
  response_ = Response::kEnded;
  if (gone_ || closed_) return;
  if (chunked_ && !noBody_) {
    finalQueued_ = true;
    pendingBytes_ += kFinalChunk.size();
  }
  // A body shorter or longer than announced leaves the connection unusable.
  if (declaredLength_ && !noBody_ && *declaredLength_ != bodyBytes_) keepAlive_ = false;
  flush();
}

bool HttpConnection::clientGone(uint64_t serial) const noexcept { return serial == serial_ && (gone_ || closed_); }

void HttpConnection::onClientGone(uint64_t serial, std::function<void()> fn) {
  if (serial != serial_ || response_ == Response::kDone || !fn) return;
  if (gone_ || closed_) {
    asio::post(socket_.get_executor(), std::move(fn));
    return;
  }
  goneCallbacks_.push_back(std::move(fn));
}

std::size_t HttpConnection::pendingBytes(uint64_t serial) const noexcept {
  return serial == serial_ ? pendingBytes_ : 0;
}

void HttpConnection::writeHead(int status, const sdk::Headers& headers, bool fixedLength, uint64_t length) {
  if (state_->draining.load()) keepAlive_ = false;
  head_.clear();
  head_ += "HTTP/1.1 ";
  appendNumber(head_, static_cast<uint64_t>(status));
  head_ += ' ';
  auto known = http::int_to_status(static_cast<unsigned>(status));
  if (known != http::status::unknown) {
    auto reason = http::obsolete_reason(known);
    head_.append(reason.data(), reason.size());
  }
  head_ += kCrlf;
  for (const auto& [name, value] : headers) {
    if (isHopByHop(name)) continue;
    head_ += name;
    head_ += ": ";
    head_ += value;
    head_ += kCrlf;
  }
  if (bodyAllowed(status)) {
    if (fixedLength) {
      head_ += "content-length: ";
      appendNumber(head_, length);
      head_ += kCrlf;
    } else if (chunked_) {
      head_ += "transfer-encoding: chunked\r\n";
    }
  }
  if (!keepAlive_)
    head_ += "connection: close\r\n";
  else if (http10_)
    head_ += "connection: keep-alive\r\n";
  head_ += kCrlf;
  headQueued_ = true;
  pendingBytes_ += head_.size();
}

void HttpConnection::queue(std::string data, bool framed) {
  Piece& piece = pending_.emplace_back();
  piece.data = std::move(data);
  piece.frameLength = 0;
  piece.crlf = framed;
  if (framed) {
    auto result = std::to_chars(piece.frame, piece.frame + 16, piece.data.size(), 16);
    *result.ptr++ = '\r';
    *result.ptr++ = '\n';
    piece.frameLength = static_cast<uint8_t>(result.ptr - piece.frame);
  }
  pendingBytes_ += piece.data.size() + piece.frameLength + (framed ? kCrlf.size() : 0);
}

void HttpConnection::flush() {
  if (writing_ || gone_ || closed_) return;
  if (!headQueued_ && pending_.empty() && !finalQueued_) {
    maybeDone();
    return;
  }
  buffers_.clear();
  inflight_.clear();
  std::swap(pending_, inflight_);
  if (headQueued_) {
    buffers_.emplace_back(head_.data(), head_.size());
    headQueued_ = false;
  }
  for (const auto& piece : inflight_) {
    if (piece.frameLength != 0) buffers_.emplace_back(piece.frame, piece.frameLength);
    buffers_.emplace_back(piece.data.data(), piece.data.size());
    if (piece.crlf) buffers_.emplace_back(kCrlf.data(), kCrlf.size());
  }
  if (finalQueued_) {
    buffers_.emplace_back(kFinalChunk.data(), kFinalChunk.size());
    finalQueued_ = false;
  }
  inflightBytes_ = 0;
  for (const auto& b : buffers_) inflightBytes_ += b.size();

  // Most responses fit the socket buffer: write them now, without a round
  // trip through the event loop (the socket is in non-blocking mode).
  boost::system::error_code ec;
  std::size_t written = socket_.write_some(buffers_, ec);
  if (ec && ec != asio::error::would_block && ec != asio::error::try_again) {
    markGone(true);
    return;
  }
  if (written == inflightBytes_) {
    onWritten({});
    return;
  }
  pendingBytes_ -= written;
  inflightBytes_ -= written;
  std::size_t skip = 0;
  while (written >= buffers_[skip].size()) written -= buffers_[skip++].size();
  buffers_[skip] += written;
  buffers_.erase(buffers_.begin(), buffers_.begin() + static_cast<std::ptrdiff_t>(skip));
  writing_ = true;
  asio::async_write(socket_, buffers_, [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
    self->writing_ = false;
    self->onWritten(ec);
  });
}

void HttpConnection::onWritten(const boost::system::error_code& ec) {
  if (ec) {
    markGone(false);
    return;
  }
  pendingBytes_ -= std::min(pendingBytes_, inflightBytes_);
  inflightBytes_ = 0;
  inflight_.clear();
  flush();  // what was queued meanwhile, or completes the response
}

void HttpConnection::maybeDone() {
  if (response_ != Response::kEnded || writing_ || headQueued_ || finalQueued_ || !pending_.empty()) return;
  response_ = Response::kDone;
  goneCallbacks_.clear();
  wake();
}

// `deferred`: called from inside a ResponseWriter call; the callbacks run
// later so that they cannot pull the handler's state from under that call.
void HttpConnection::markGone(bool deferred) {
  if (gone_) return;
  gone_ = true;
  pending_.clear();
  headQueued_ = false;
  finalQueued_ = false;
  pendingBytes_ = 0;
  if (response_ != Response::kDone && !goneCallbacks_.empty()) {
    auto callbacks = std::move(goneCallbacks_);
    goneCallbacks_.clear();
    auto run = [callbacks = std::move(callbacks)]() mutable {
      for (auto& fn : callbacks) {
        try {
          fn();
        } catch (const std::exception& e) {
          spdlog::error("http server: client-gone callback threw: {}", e.what());
        } catch (...) {
          spdlog::error("http server: client-gone callback threw");
        }
      }
    };
    if (deferred)
      asio::post(socket_.get_executor(), std::move(run));
    else
      run();
  }
  wake();
}

}  // namespace gateos::kernel::net

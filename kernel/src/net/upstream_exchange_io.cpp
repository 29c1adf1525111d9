// UpstreamExchange, the HTTP part: write the request, read the head, stream the body.
#include <limits>

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "net/upstream_exchange.h"

namespace gateos::kernel::net {
namespace http = boost::beast::http;

namespace {

constexpr std::uint32_t kHeaderLimit = 64 * 1024;
// "No limit". Not boost::none: Beast 1.74 compares content-length against the
// optional itself (len_ > body_limit_), and every value exceeds none.
constexpr std::uint64_t kNoBodyLimit = std::numeric_limits<std::uint64_t>::max();

// The upstream went away (FIN, RST or a TLS stream cut short).
bool connectionLost(const boost::system::error_code& ec) {
  return ec == http::error::end_of_stream || ec == http::error::partial_message || ec == boost::asio::error::eof ||
         ec == boost::asio::error::connection_reset || ec == boost::asio::error::broken_pipe ||
         ec == boost::asio::error::connection_aborted || ec == boost::asio::ssl::error::stream_truncated;
}

}  // namespace

void UpstreamExchange::writeRequest() {
  parser_.emplace();
  parser_->header_limit(kHeaderLimit);
  parser_->body_limit(kNoBodyLimit);
  if (headRequest_) parser_->skip(true);
  // Covers writing too: an upstream that stops reading our body counts as not answering.
  setDeadline(timeouts_.firstByte, Phase::kFirstByte);
  connection_->visit([this](auto& stream) {
    http::async_write(stream, request_,
                      [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                        self->onWritten(ec);
                      });
  });
}

void UpstreamExchange::onWritten(const boost::system::error_code& ec) {
  if (abort_) return finish(*abort_);
  if (ec) {
    if (retryOnFreshConnection()) return;
    return finish(connectFailure("send request to", ec));
  }
  setDeadline(timeouts_.firstByte, Phase::kFirstByte);
  readHead();
}

void UpstreamExchange::readHead() {
  connection_->visit([this](auto& stream) {
    http::async_read_header(stream, connection_->readBuffer(), *parser_,
                            [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                              self->onHead(ec);
                            });
  });
}

void UpstreamExchange::onHead(const boost::system::error_code& ec) {
  if (abort_) return finish(*abort_);
  if (ec) {
    const bool nothingReceived = !parser_->got_some();
    // A pooled connection the upstream had already dropped: the request never
    // reached it, so one more try on a fresh connection is safe.
    if (nothingReceived && retryOnFreshConnection()) return;
    if (nothingReceived && connectionLost(ec))
      return finish(sdk::Status(sdk::StatusCode::kUnavailable,
                                "upstream " + peer() + " closed the connection before responding: " +
                                    describeNetError(ec)));
    return finish(connectFailure("read response head from", ec));
  }
  auto& head = parser_->get();
  const int status = head.result_int();
  if (status >= 100 && status < 200 && status != 101) {
    // An interim response (e.g. 103 Early Hints): the final head follows.
    parser_.emplace();
    parser_->header_limit(kHeaderLimit);
    parser_->body_limit(kNoBodyLimit);
    if (headRequest_) parser_->skip(true);
    return readHead();
  }
  sdk::Headers headers;
  for (const auto& field : head) headers.add(std::string(field.name_string()), std::string(field.value()));
  if (handler_) handler_->onHeaders(status, headers);
  if (abort_) return finish(*abort_);  // cancelled from onHeaders
  readBody();
}

void UpstreamExchange::readBody() {
  if (parser_->is_done()) return finish(sdk::Status::ok());
  auto& body = parser_->get().body();
  body.data = connection_->bodyBuffer();
  body.size = UpstreamConnection::kBodyBufferSize;
  setDeadline(timeouts_.idle, Phase::kIdle);
  connection_->visit([this](auto& stream) {
    http::async_read_some(stream, connection_->readBuffer(), *parser_,
                          [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
                            self->onBodyRead(ec);
                          });
  });
}

void UpstreamExchange::onBodyRead(boost::system::error_code ec) {
  if (abort_) return finish(*abort_);
  if (ec == http::error::need_buffer) ec = {};
  // One onBody per read, straight from the connection's buffer: a streamed
  // event reaches the handler as soon as its bytes arrive.
  const auto produced = UpstreamConnection::kBodyBufferSize - parser_->get().body().size;
  if (produced > 0 && handler_) handler_->onBody(std::string_view(connection_->bodyBuffer(), produced));
  if (abort_) return finish(*abort_);  // cancelled from onBody
  if (ec) {
    if (connectionLost(ec))
      return finish(sdk::Status(sdk::StatusCode::kUnavailable, "upstream closed the connection mid-response"));
    return finish(connectFailure("read response body from", ec));
  }
  readBody();
}

bool UpstreamExchange::retryOnFreshConnection() {
  if (!reused_ || retried_ || abort_) return false;
  retried_ = true;
  connection_->close();
  connection_.reset();
  connectFresh();
  return true;
}

}  // namespace gateos::kernel::net

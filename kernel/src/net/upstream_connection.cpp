#include "net/upstream_connection.h"

namespace gateos::kernel::net {

UpstreamConnection::UpstreamConnection(boost::asio::io_context& context,
                                       std::shared_ptr<boost::asio::ssl::context> tls, std::string poolKey)
    : tlsContext_(std::move(tls)), poolKey_(std::move(poolKey)), idleTimer_(context) {
  if (tlsContext_)
    tls_.emplace(context, *tlsContext_);
  else
    plain_.emplace(context);
}

char* UpstreamConnection::bodyBuffer() {
  if (!bodyBuffer_) bodyBuffer_ = std::make_unique<char[]>(kBodyBufferSize);
  return bodyBuffer_.get();
}

void UpstreamConnection::close() noexcept {
  boost::system::error_code ec;
  socket().close(ec);
  idleTimer_.cancel();
}

std::string describeNetError(const boost::system::error_code& ec) {
  std::string text = ec.message();
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return text;
}

}  // namespace gateos::kernel::net

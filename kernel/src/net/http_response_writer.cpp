#include "net/http_response_writer.h"

#include "net/http_connection.h"

namespace gateos::kernel::net {

void HttpResponseWriter::send(int status, sdk::Headers headers, std::string body) {
  if (auto c = connection_.lock()) c->send(serial_, status, headers, std::move(body));
}

void HttpResponseWriter::beginStream(int status, sdk::Headers headers) {
  if (auto c = connection_.lock()) c->beginStream(serial_, status, headers);
}

void HttpResponseWriter::write(std::string chunk) {
  if (auto c = connection_.lock()) c->write(serial_, std::move(chunk));
}

void HttpResponseWriter::end() {
  if (auto c = connection_.lock()) c->end(serial_);
}

bool HttpResponseWriter::clientGone() const noexcept {
  auto c = connection_.lock();
  return !c || c->clientGone(serial_);
}

void HttpResponseWriter::onClientGone(std::function<void()> fn) {
  if (auto c = connection_.lock()) c->onClientGone(serial_, std::move(fn));
}

std::size_t HttpResponseWriter::pendingBytes() const noexcept {
  auto c = connection_.lock();
  return c ? c->pendingBytes(serial_) : 0;
}

}  // namespace gateos::kernel::net

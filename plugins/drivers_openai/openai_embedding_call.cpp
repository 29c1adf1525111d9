#include "openai_embedding_call.h"

#include "gateos/sdk/codec/openai_chat.h"
#include "gateos/sdk/codec/openai_embeddings.h"

namespace gateos::plugins::drivers::openai {

OpenAiEmbeddingHandler::OpenAiEmbeddingHandler(std::string providerName, sdk::EmbeddingDone done)
    : name_(std::move(providerName)), done_(std::move(done)) {}

void OpenAiEmbeddingHandler::onHeaders(int status, const sdk::Headers& headers) noexcept {
  try {
    status_ = status;
    headers_ = headers;
  } catch (...) {
  }
}

void OpenAiEmbeddingHandler::onBody(std::string_view chunk) noexcept {
  if (tooLarge_) return;
  try {
    if (body_.size() + chunk.size() > kMaxBody) {
      tooLarge_ = true;
      body_.clear();
      return;
    }
    body_.append(chunk);
  } catch (...) {
    tooLarge_ = true;
  }
}

void OpenAiEmbeddingHandler::onComplete(const sdk::Status& status) noexcept {
  try {
    std::string prefix = "upstream " + name_;
    if (status_ != 0 && (status_ < 200 || status_ >= 300))
      return finish(sdk::codec::openai_chat::statusFromUpstreamError(status_, body_, headers_).prefixed(prefix));
    if (!status.isOk()) return finish(status.code() == sdk::StatusCode::kCancelled ? status : status.prefixed(prefix));
    if (tooLarge_)
      return finish(sdk::Status(sdk::StatusCode::kUpstreamError, prefix + ": response larger than 64 MB").withHttpStatus(502));
    auto decoded = sdk::codec::openai_embeddings::decodeResponse(body_);
    if (!decoded) return finish(decoded.status().prefixed(prefix));
    finish(std::move(decoded));
  } catch (const std::exception& e) {
    finish(sdk::Status(sdk::StatusCode::kInternal, "upstream " + name_ + ": " + e.what()));
  }
}

void OpenAiEmbeddingHandler::finish(sdk::Result<sdk::EmbeddingResponse> result) {
  if (!done_) return;
  auto done = std::move(done_);
  done_ = nullptr;
  done(std::move(result));
}

}  // namespace gateos::plugins::drivers::openai

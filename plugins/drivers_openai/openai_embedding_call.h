#pragma once
// The response side of one embeddings call (POST <base_url>/embeddings): the
// whole answer is collected (up to 64 MB), then decoded with the shared codec
// (float arrays or base64) and handed to `done`; a non-2xx answer becomes the
// upstream's error with its status kept. Lives on the request's executor;
// owned by the HttpClient until onComplete.

#include <memory>
#include <string>

#include "gateos/sdk/driver.h"
#include "gateos/sdk/http_client.h"

namespace gateos::plugins::drivers::openai {

class OpenAiEmbeddingHandler final : public sdk::HttpResponseHandler {
 public:
  OpenAiEmbeddingHandler(std::string providerName, sdk::EmbeddingDone done);

  void onHeaders(int status, const sdk::Headers& headers) noexcept override;
  void onBody(std::string_view chunk) noexcept override;
  void onComplete(const sdk::Status& status) noexcept override;

 private:
  static constexpr std::size_t kMaxBody = 64u << 20;
  void finish(sdk::Result<sdk::EmbeddingResponse> result);

  std::string name_;
  sdk::EmbeddingDone done_;
  int status_ = 0;
  sdk::Headers headers_;
  std::string body_;
  bool tooLarge_ = false;
};

}  // namespace gateos::plugins::drivers::openai

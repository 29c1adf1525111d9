#pragma once
// One OpenAI-compatible provider: base URL, key, models, timeouts. Immutable
// after construction; send() may run concurrently on several event loops.
//   send(): POST <base_url>/chat/completions (or /responses with "api":
//           "responses"), pass-through (bytes as received) or canonical (codec
//           encode, SSE/JSON decode into events).
//   embed(): POST <base_url>/embeddings, asking for the encoding the client
//           asked for (base64 is smaller on the wire), answer decoded to floats.
//   discoverModels(): GET <base_url>/models (when discover_models is on).

#include <string>

#include "gateos/sdk/http_driver/http_provider.h"
#include "openai_options.h"

namespace gateos::plugins::drivers::openai {

class OpenAiProvider final : public sdk::http_driver::HttpProvider {
 public:
  OpenAiProvider(sdk::Host& host, std::string name, std::string credential, OpenAiOptions options);

  std::string_view wireDialect() const noexcept override {
    return options_.api == OpenAiOptions::Api::kResponses ? "openai.responses" : "openai.chat";
  }
  std::unique_ptr<sdk::UpstreamCallHandle> send(const sdk::UpstreamCall& call,
                                                std::shared_ptr<sdk::ResponseSink> sink) noexcept override;
  std::unique_ptr<sdk::UpstreamCallHandle> embed(const sdk::EmbeddingCall& call, sdk::EmbeddingDone done) noexcept override;

  const OpenAiOptions& options() const noexcept { return options_; }

 private:
  // Bearer key and OpenAI-Organization.
  void authorize(sdk::HttpRequest& request) const override;
  ModelListing modelListing() const override;

  OpenAiOptions options_;
};

}  // namespace gateos::plugins::drivers::openai

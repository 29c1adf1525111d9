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

#include "gateos/sdk/driver.h"
#include "gateos/sdk/host.h"
#include "openai_options.h"

namespace gateos::plugins::drivers::openai {

class OpenAiProvider final : public sdk::Provider {
 public:

  OpenAiProvider(sdk::Host& host, std::string name, std::string credential, OpenAiOptions options);

  std::string_view wireDialect() const noexcept override {
    return options_.api == OpenAiOptions::Api::kResponses ? "openai.responses" : "openai.chat";
  }
  std::unique_ptr<sdk::UpstreamCallHandle> send(const sdk::UpstreamCall& call,
                                                std::shared_ptr<sdk::ResponseSink> sink) noexcept override;
  std::unique_ptr<sdk::UpstreamCallHandle> embed(const sdk::EmbeddingCall& call, sdk::EmbeddingDone done) noexcept override;
  std::vector<sdk::ModelInfo> configuredModels() const override;
  void discoverModels(sdk::Executor& executor,
                      std::function<void(sdk::Result<std::vector<sdk::ModelInfo>>)> done) noexcept override;

  const OpenAiOptions& options() const noexcept { return options_; }

 private:
  // A request to <base_url><path> with the provider's headers, key and timeouts.
  sdk::HttpRequest makeRequest(std::string method, std::string_view path) const;

  sdk::Host& host_;
  std::string name_;
  std::string credential_;  // never logged
  OpenAiOptions options_;
};

}  // namespace gateos::plugins::drivers::openai

#pragma once
// One Ollama server (local or remote). Immutable after construction; send()
// may run concurrently on several loops.
//   send(): POST <base_url>/api/chat, pass-through for Ollama clients (bytes
//           as received, to the path the client used: /api/chat or /api/generate) or
//           canonical (codec encode, NDJSON/JSON decode into events).
//   discoverModels(): GET <base_url>/api/tags.
// A credential (Ollama behind an authenticating proxy, ollama.com) is sent as
// Authorization: Bearer.

#include <string>

#include "gateos/sdk/codec/ollama_types.h"
#include "gateos/sdk/http_driver/http_provider.h"
#include "ollama_options.h"

namespace gateos::plugins::drivers::ollama {

class OllamaProvider final : public sdk::http_driver::HttpProvider {
 public:
  OllamaProvider(sdk::Host& host, std::string name, std::string credential, OllamaOptions options);

  std::string_view wireDialect() const noexcept override { return sdk::codec::ollama::kDialect; }
  std::unique_ptr<sdk::UpstreamCallHandle> send(const sdk::UpstreamCall& call,
                                                std::shared_ptr<sdk::ResponseSink> sink) noexcept override;

  const OllamaOptions& options() const noexcept { return options_; }

 private:
  void authorize(sdk::HttpRequest& request) const override;
  ModelListing modelListing() const override;

  OllamaOptions options_;
};

// Parses GET /api/tags: {"models":[{"name","model","details":{…}}…]}.
sdk::Result<std::vector<sdk::ModelInfo>> parseTags(std::string_view body);

}  // namespace gateos::plugins::drivers::ollama

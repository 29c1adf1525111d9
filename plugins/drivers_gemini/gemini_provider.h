#pragma once
// One Gemini provider (Google AI Studio API or a compatible endpoint).
// Immutable after construction; send() may run concurrently on several loops.
//   send(): POST <base_url>/v1beta/models/<model>:streamGenerateContent?alt=sse
//           (streams) or :generateContent, canonical only (no client speaks
//           Gemini to the gateway yet): codec encode, SSE/JSON decode.
//   discoverModels(): GET <base_url>/v1beta/models?pageSize=1000.
// The key goes in x-goog-api-key (never in the URL, where logs would keep it).

#include <string>

#include "gateos/sdk/http_driver/http_provider.h"
#include "gemini_options.h"

namespace gateos::plugins::drivers::gemini {

class GeminiProvider final : public sdk::http_driver::HttpProvider {
 public:
  GeminiProvider(sdk::Host& host, std::string name, std::string credential, GeminiOptions options);

  // Canonical only: no inbound adapter speaks Gemini, so nothing passes through.
  std::string_view wireDialect() const noexcept override { return ""; }
  std::unique_ptr<sdk::UpstreamCallHandle> send(const sdk::UpstreamCall& call,
                                                std::shared_ptr<sdk::ResponseSink> sink) noexcept override;

 private:
  void authorize(sdk::HttpRequest& request) const override;
  ModelListing modelListing() const override;
  sdk::ModelInfo configuredModel(const std::string& id) const override;
};

}  // namespace gateos::plugins::drivers::gemini

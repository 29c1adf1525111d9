#pragma once
// One Anthropic Messages provider: base URL, key, models, timeouts. Immutable
// after construction; send() may run concurrently on several event loops.
//   send(): POST <base_url>/v1/messages (operation "count_tokens":
//           /v1/messages/count_tokens), pass-through (the client's body and
//           bytes as received) or canonical (codec encode, SSE/JSON decode).
//   discoverModels(): GET <base_url>/v1/models (when discover_models is on).

#include <string>

#include "anthropic_options.h"
#include "gateos/sdk/http_driver/http_provider.h"

namespace gateos::plugins::drivers::anthropic {

class AnthropicProvider final : public sdk::http_driver::HttpProvider {
 public:
  AnthropicProvider(sdk::Host& host, std::string name, std::string credential, AnthropicOptions options);

  std::string_view wireDialect() const noexcept override { return "anthropic.messages"; }
  std::unique_ptr<sdk::UpstreamCallHandle> send(const sdk::UpstreamCall& call,
                                                std::shared_ptr<sdk::ResponseSink> sink) noexcept override;

  const AnthropicOptions& options() const noexcept { return options_; }

 private:
  // x-api-key and the default anthropic-version.
  void authorize(sdk::HttpRequest& request) const override;
  ModelListing modelListing() const override;
  sdk::ModelInfo configuredModel(const std::string& id) const override;
  // anthropic-version and anthropic-beta of an Anthropic client.
  void forwardDialectHeaders(const sdk::Headers* client, sdk::HttpRequest& request) const;

  AnthropicOptions options_;
};

}  // namespace gateos::plugins::drivers::anthropic

#pragma once
// One Anthropic Messages provider: base URL, key, models, timeouts. Immutable
// after construction; send() may run concurrently on several event loops.
//   send(): POST <base_url>/v1/messages (operation "count_tokens":
//           /v1/messages/count_tokens), pass-through (the client's body and
//           bytes as received) or canonical (codec encode, SSE/JSON decode).
//   discoverModels(): GET <base_url>/v1/models (when discover_models is on).

#include <string>

#include "anthropic_options.h"
#include "gateos/sdk/driver.h"
#include "gateos/sdk/host.h"

namespace gateos::plugins::drivers::anthropic {

class AnthropicProvider final : public sdk::Provider {
 public:
  AnthropicProvider(sdk::Host& host, std::string name, std::string credential, AnthropicOptions options);

  std::string_view wireDialect() const noexcept override { return "anthropic.messages"; }
  std::unique_ptr<sdk::UpstreamCallHandle> send(const sdk::UpstreamCall& call,
                                                std::shared_ptr<sdk::ResponseSink> sink) noexcept override;
  std::vector<sdk::ModelInfo> configuredModels() const override;
  void discoverModels(sdk::Executor& executor,
                      std::function<void(sdk::Result<std::vector<sdk::ModelInfo>>)> done) noexcept override;

  const AnthropicOptions& options() const noexcept { return options_; }

 private:
  // A request to <base_url><path> with the provider's headers, key, version and timeouts.
  sdk::HttpRequest makeRequest(std::string method, std::string_view path) const;
  // anthropic-version and anthropic-beta of an Anthropic client.
  void forwardDialectHeaders(const sdk::Headers* client, sdk::HttpRequest& request) const;

  sdk::Host& host_;
  std::string name_;
  std::string credential_;  // never logged
  AnthropicOptions options_;
};

}  // namespace gateos::plugins::drivers::anthropic

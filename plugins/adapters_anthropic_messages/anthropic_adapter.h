#pragma once
// adapters.anthropic_messages: the Anthropic Messages dialect inbound.
//   POST /v1/messages              operation "chat"
//   POST /v1/messages/count_tokens operation "count_tokens": passed through to an
//                                  Anthropic provider, else an estimate (answerLocally)
// Claude Code posts to /v1/messages?beta=true: routes match on the path only.
// The plugin object is its own Adapter; it holds no state after configure().

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/plugin.h"
#include "anthropic_summary.h"

namespace gateos::plugins::adapters::anthropic_messages {

class AnthropicMessagesAdapterPlugin final : public sdk::Plugin, public sdk::Adapter {
 public:
  sdk::Status configure(const sdk::Json& config, sdk::Host& host) noexcept override;
  sdk::Adapter* asAdapter() noexcept override { return this; }

  std::string_view dialect() const noexcept override;
  std::vector<sdk::AdapterRoute> routes() const override;
  sdk::Result<sdk::RequestSummary> summarize(const sdk::InboundRequest& request) const noexcept override;
  sdk::Result<sdk::ChatRequest> decode(const sdk::InboundRequest& request) const noexcept override;
  sdk::Result<std::string> replaceModel(std::string_view body, std::string_view model) const noexcept override;
  std::unique_ptr<sdk::ResponseEncoder> makeEncoder(const sdk::RequestContext& context,
                                                    const sdk::RequestSummary& summary) const noexcept override;
  std::string renderError(const sdk::Status& status) const noexcept override;
  sdk::Result<std::string> answerLocally(const sdk::InboundRequest& request,
                                         std::string_view operation) const noexcept override;

 private:
  mutable ParserPool parsers_;  // internally synchronised
};

}  // namespace gateos::plugins::adapters::anthropic_messages

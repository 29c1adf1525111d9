#pragma once
// The OpenAI Chat Completions dialect, built into the kernel through the same
// sdk::Adapter interface plugins implement. Validation and field reads use
// simdjson (GB/s, no DOM allocation per field), full decoding uses the shared
// codec only when a stage or a foreign driver needs the canonical request.

#include "gateos/sdk/adapter.h"

namespace gateos::kernel::core {

class OpenAiChatAdapter final : public sdk::Adapter {
 public:
  static constexpr std::string_view kDialect = "openai.chat";

  std::string_view dialect() const noexcept override { return kDialect; }
  std::vector<sdk::AdapterRoute> routes() const override;
  sdk::Result<sdk::RequestSummary> summarize(const sdk::InboundRequest& request) const noexcept override;
  sdk::Result<sdk::ChatRequest> decode(const sdk::InboundRequest& request) const noexcept override;
  sdk::Result<std::string> replaceModel(std::string_view body, std::string_view model) const noexcept override;
  std::unique_ptr<sdk::ResponseEncoder> makeEncoder(const sdk::RequestContext& context,
                                                    const sdk::RequestSummary& summary) const noexcept override;
  std::string renderError(const sdk::Status& status) const noexcept override;
};

}  // namespace gateos::kernel::core

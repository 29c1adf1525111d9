#pragma once
// drivers.anthropic: providers behind the Anthropic Messages API.
// The plugin object is its own Driver and keeps only the Host.

#include "gateos/sdk/driver.h"
#include "gateos/sdk/plugin.h"

namespace gateos::plugins::drivers::anthropic {

class AnthropicDriverPlugin final : public sdk::Plugin, public sdk::Driver {
 public:
  sdk::Status configure(const sdk::Json& config, sdk::Host& host) noexcept override;
  sdk::Driver* asDriver() noexcept override { return this; }

  sdk::Result<std::unique_ptr<sdk::Provider>> openProvider(const sdk::ProviderSpec& spec) noexcept override;

 private:
  sdk::Host* host_ = nullptr;
};

}  // namespace gateos::plugins::drivers::anthropic

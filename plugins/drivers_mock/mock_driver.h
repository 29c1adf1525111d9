#pragma once
// drivers.mock: the embedded default provider. No network, deterministic
// answers, so a fresh install works and tests and benchmarks have a stable
// upstream. The plugin object is its own Driver; it holds no per-request state.

#include "gateos/sdk/driver.h"
#include "gateos/sdk/plugin.h"

namespace gateos::plugins::drivers::mock {

class MockDriverPlugin final : public sdk::Plugin, public sdk::Driver {
 public:
  sdk::Status configure(const sdk::Json& config, sdk::Host& host) noexcept override;
  sdk::Driver* asDriver() noexcept override { return this; }

  sdk::Result<std::unique_ptr<sdk::Provider>> openProvider(const sdk::ProviderSpec& spec) noexcept override;
};

}  // namespace gateos::plugins::drivers::mock

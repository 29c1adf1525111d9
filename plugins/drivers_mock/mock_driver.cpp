#include "mock_driver.h"

#include "mock_options.h"
#include "mock_provider.h"

namespace gateos::plugins::drivers::mock {

sdk::Status MockDriverPlugin::configure(const sdk::Json& config, sdk::Host& host) noexcept {
  (void)host;
  if (!config.is_null() && !(config.is_object() && config.empty()))
    return {sdk::StatusCode::kInvalidArgument, "configure drivers.mock: no settings are accepted"};
  return {};
}

sdk::Result<std::unique_ptr<sdk::Provider>> MockDriverPlugin::openProvider(const sdk::ProviderSpec& spec) noexcept {
  try {
    auto options = parseMockOptions(spec.options, spec.name);
    if (!options) return options.status();
    return std::unique_ptr<sdk::Provider>(std::make_unique<MockProvider>(spec.name, std::move(options.value())));
  } catch (const std::exception& e) {
    return sdk::Status(sdk::StatusCode::kInternal, std::string("provider ") + spec.name + ": " + e.what());
  }
}

}  // namespace gateos::plugins::drivers::mock

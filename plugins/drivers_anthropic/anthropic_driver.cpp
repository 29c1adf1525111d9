#include "anthropic_driver.h"

#include "anthropic_options.h"
#include "anthropic_provider.h"

namespace gateos::plugins::drivers::anthropic {

sdk::Status AnthropicDriverPlugin::configure(const sdk::Json& config, sdk::Host& host) noexcept {
  if (!config.is_null() && !(config.is_object() && config.empty()))
    return {sdk::StatusCode::kInvalidArgument, "configure drivers.anthropic: no settings are accepted"};
  host_ = &host;
  return {};
}

sdk::Result<std::unique_ptr<sdk::Provider>> AnthropicDriverPlugin::openProvider(const sdk::ProviderSpec& spec) noexcept {
  if (host_ == nullptr) return sdk::Status(sdk::StatusCode::kFailedPrecondition, "drivers.anthropic: not configured");
  try {
    auto options = parseAnthropicOptions(spec.options, spec.name);
    if (!options) return options.status();
    return std::unique_ptr<sdk::Provider>(
        std::make_unique<AnthropicProvider>(*host_, spec.name, spec.credential, std::move(options.value())));
  } catch (const std::exception& e) {
    return sdk::Status(sdk::StatusCode::kInternal, "provider " + spec.name + ": " + e.what());
  }
}

}  // namespace gateos::plugins::drivers::anthropic

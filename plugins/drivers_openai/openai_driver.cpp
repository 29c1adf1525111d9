#include "openai_driver.h"

#include "openai_options.h"
#include "openai_provider.h"

namespace gateos::plugins::drivers::openai {

sdk::Status OpenAiDriverPlugin::configure(const sdk::Json& config, sdk::Host& host) noexcept {
  if (!config.is_null() && !(config.is_object() && config.empty()))
    return {sdk::StatusCode::kInvalidArgument, "configure drivers.openai: no settings are accepted"};
  host_ = &host;
  return {};
}

sdk::Result<std::unique_ptr<sdk::Provider>> OpenAiDriverPlugin::openProvider(const sdk::ProviderSpec& spec) noexcept {
  if (host_ == nullptr) return sdk::Status(sdk::StatusCode::kFailedPrecondition, "drivers.openai: not configured");
  try {
    auto options = parseOpenAiOptions(spec.options, spec.name);
    if (!options) return options.status();
    return std::unique_ptr<sdk::Provider>(
        std::make_unique<OpenAiProvider>(*host_, spec.name, spec.credential, std::move(options.value())));
  } catch (const std::exception& e) {
    return sdk::Status(sdk::StatusCode::kInternal, "provider " + spec.name + ": " + e.what());
  }
}

}  // namespace gateos::plugins::drivers::openai

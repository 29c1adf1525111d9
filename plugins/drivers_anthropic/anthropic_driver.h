#pragma once
// drivers.anthropic: the plugin object (see gateos/sdk/http_driver/driver_plugin.h).

#include <string_view>

#include "anthropic_options.h"
#include "anthropic_provider.h"
#include "gateos/sdk/http_driver/driver_plugin.h"

namespace gateos::plugins::drivers::anthropic {

struct AnthropicTraits {
  static constexpr std::string_view kId = "drivers.anthropic";
  using Options = AnthropicOptions;
  using Provider = AnthropicProvider;
  static sdk::Result<Options> parse(const sdk::Json& options, std::string_view providerName) {
    return parseAnthropicOptions(options, providerName);
  }
};

using AnthropicDriverPlugin = sdk::http_driver::DriverPlugin<AnthropicTraits>;

}  // namespace gateos::plugins::drivers::anthropic

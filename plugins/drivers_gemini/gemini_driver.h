#pragma once
// drivers.gemini: the plugin object (see gateos/sdk/http_driver/driver_plugin.h).

#include <string_view>

#include "gateos/sdk/http_driver/driver_plugin.h"
#include "gemini_options.h"
#include "gemini_provider.h"

namespace gateos::plugins::drivers::gemini {

struct GeminiTraits {
  static constexpr std::string_view kId = "drivers.gemini";
  using Options = GeminiOptions;
  using Provider = GeminiProvider;
  static sdk::Result<Options> parse(const sdk::Json& options, std::string_view providerName) {
    return parseGeminiOptions(options, providerName);
  }
};

using GeminiDriverPlugin = sdk::http_driver::DriverPlugin<GeminiTraits>;

}  // namespace gateos::plugins::drivers::gemini

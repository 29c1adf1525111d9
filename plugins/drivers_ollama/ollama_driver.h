#pragma once
// drivers.ollama: the plugin object (see gateos/sdk/http_driver/driver_plugin.h).

#include <string_view>

#include "gateos/sdk/http_driver/driver_plugin.h"
#include "ollama_options.h"
#include "ollama_provider.h"

namespace gateos::plugins::drivers::ollama {

struct OllamaTraits {
  static constexpr std::string_view kId = "drivers.ollama";
  using Options = OllamaOptions;
  using Provider = OllamaProvider;
  static sdk::Result<Options> parse(const sdk::Json& options, std::string_view providerName) {
    return parseOllamaOptions(options, providerName);
  }
};

using OllamaDriverPlugin = sdk::http_driver::DriverPlugin<OllamaTraits>;

}  // namespace gateos::plugins::drivers::ollama

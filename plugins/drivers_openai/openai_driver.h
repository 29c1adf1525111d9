#pragma once
// drivers.openai: providers behind any OpenAI-compatible Chat Completions or
// Responses API; the plugin object (see gateos/sdk/http_driver/driver_plugin.h).

#include <string_view>

#include "gateos/sdk/http_driver/driver_plugin.h"
#include "openai_options.h"
#include "openai_provider.h"

namespace gateos::plugins::drivers::openai {

struct OpenAiTraits {
  static constexpr std::string_view kId = "drivers.openai";
  using Options = OpenAiOptions;
  using Provider = OpenAiProvider;
  static sdk::Result<Options> parse(const sdk::Json& options, std::string_view providerName) {
    return parseOpenAiOptions(options, providerName);
  }
};

using OpenAiDriverPlugin = sdk::http_driver::DriverPlugin<OpenAiTraits>;

}  // namespace gateos::plugins::drivers::openai

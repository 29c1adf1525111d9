#pragma once
// Provider options of drivers.anthropic (see plugin.json "provider_schema"):
// the options every HTTP driver shares plus the Anthropic ones.

#include <cstdint>
#include <string>
#include <string_view>

#include "gateos/sdk/http_driver/provider_options.h"

namespace gateos::plugins::drivers::anthropic {

struct AnthropicOptions : sdk::http_driver::HttpProviderOptions {
  std::string anthropicVersion = "2023-06-01";
  std::int64_t defaultMaxTokens = 4096;
};

// Parses and checks the options again (the kernel validated the schema, but this
// code must not rely on it). Errors read "provider <name>: base_url: …".
// base_url defaults to https://api.anthropic.com; a trailing /v1 is removed.
sdk::Result<AnthropicOptions> parseAnthropicOptions(const sdk::Json& options, std::string_view providerName);

}  // namespace gateos::plugins::drivers::anthropic

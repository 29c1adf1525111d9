#pragma once
// Provider options of drivers.anthropic (see plugin.json "provider_schema").

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/headers.h"
#include "gateos/sdk/http_client.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::plugins::drivers::anthropic {

struct AnthropicOptions {
  std::string baseUrl = "https://api.anthropic.com";  // without trailing "/"
  std::vector<std::string> models;
  bool discoverModels = false;
  sdk::Headers headers;  // extra headers from the options
  std::string anthropicVersion = "2023-06-01";
  std::int64_t defaultMaxTokens = 4096;
  sdk::HttpTimeouts timeouts;
};

// Parses and checks the options again (the kernel validated the schema, but this
// code must not rely on it). Errors read "provider <name>: base_url: …".
sdk::Result<AnthropicOptions> parseAnthropicOptions(const sdk::Json& options, std::string_view providerName);

}  // namespace gateos::plugins::drivers::anthropic

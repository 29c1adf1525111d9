#pragma once
// Provider options of drivers.ollama (see plugin.json "provider_schema"): the
// options every HTTP driver shares plus default model `options` (num_ctx …)
// and keep_alive. base_url defaults to http://127.0.0.1:11434.

#include <string>
#include <string_view>

#include "gateos/sdk/http_driver/provider_options.h"

namespace gateos::plugins::drivers::ollama {

inline constexpr std::string_view kDefaultBaseUrl = "http://127.0.0.1:11434";

struct OllamaOptions : sdk::http_driver::HttpProviderOptions {
  sdk::Json modelOptions = sdk::Json::object();  // defaults for the request's "options"
  std::string keepAlive;                          // e.g. "10m"; empty: Ollama's default
};

// Parses and checks the options again. A trailing /api is removed (the driver
// adds it). Errors read "provider <name>: options: …".
sdk::Result<OllamaOptions> parseOllamaOptions(const sdk::Json& options, std::string_view providerName);

}  // namespace gateos::plugins::drivers::ollama

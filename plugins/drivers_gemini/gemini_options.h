#pragma once
// Provider options of drivers.gemini (see plugin.json "provider_schema"): the
// options every HTTP driver shares; base_url defaults to Google's endpoint.

#include <string_view>

#include "gateos/sdk/http_driver/provider_options.h"

namespace gateos::plugins::drivers::gemini {

inline constexpr std::string_view kDefaultBaseUrl = "https://generativelanguage.googleapis.com";

struct GeminiOptions : sdk::http_driver::HttpProviderOptions {};

// Parses and checks the options again. A trailing /v1beta is removed (the
// driver adds it). Errors read "provider <name>: base_url: …".
sdk::Result<GeminiOptions> parseGeminiOptions(const sdk::Json& options, std::string_view providerName);

}  // namespace gateos::plugins::drivers::gemini

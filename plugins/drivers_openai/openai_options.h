#pragma once
// Provider options of drivers.openai (see plugin.json "provider_schema"): the
// options every HTTP driver shares plus the OpenAI ones.

#include <string>
#include <string_view>

#include "gateos/sdk/http_driver/provider_options.h"

namespace gateos::plugins::drivers::openai {

struct OpenAiOptions : sdk::http_driver::HttpProviderOptions {
  // Which API the provider is called with: POST <base_url>/chat/completions or
  // POST <base_url>/responses.
  enum class Api { kChat, kResponses };
  Api api = Api::kChat;
  std::string organization;  // OpenAI-Organization header, when set
};

// Parses and checks the options again (the kernel validated the schema, but this
// code must not rely on it). Errors read "provider <name>: base_url: …".
// base_url is required: OpenAI-compatible services live anywhere.
sdk::Result<OpenAiOptions> parseOpenAiOptions(const sdk::Json& options, std::string_view providerName);

}  // namespace gateos::plugins::drivers::openai

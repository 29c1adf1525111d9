#pragma once
// Provider options of drivers.openai (see plugin.json "provider_schema").

#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/headers.h"
#include "gateos/sdk/http_client.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::plugins::drivers::openai {

struct OpenAiOptions {
  // Which API the provider is called with: POST <base_url>/chat/completions or
  // POST <base_url>/responses.
  enum class Api { kChat, kResponses };
  Api api = Api::kChat;
  std::string baseUrl;  // without trailing "/"
  std::vector<std::string> models;
  bool discoverModels = false;
  sdk::Headers headers;  // extra headers from the options
  std::string organization;
  sdk::HttpTimeouts timeouts;
};

// Parses and checks the options again (the kernel validated the schema, but this
// code must not rely on it). Errors read "provider <name>: base_url: …".
sdk::Result<OpenAiOptions> parseOpenAiOptions(const sdk::Json& options, std::string_view providerName);

}  // namespace gateos::plugins::drivers::openai

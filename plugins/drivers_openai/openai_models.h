#pragma once
// The model list of an OpenAI-compatible provider (GET <base_url>/models).

#include <string_view>
#include <vector>

#include "gateos/sdk/driver.h"

namespace gateos::plugins::drivers::openai {

// Parses an OpenAI model list {"data":[{"id","owned_by"}…]}.
sdk::Result<std::vector<sdk::ModelInfo>> parseModelList(std::string_view body);

}  // namespace gateos::plugins::drivers::openai

#pragma once
// The model list of an Anthropic provider (GET <base_url>/v1/models).

#include <string_view>
#include <vector>

#include "gateos/sdk/driver.h"

namespace gateos::plugins::drivers::anthropic {

// Parses {"data":[{"id","display_name","created_at"}…]}.
sdk::Result<std::vector<sdk::ModelInfo>> parseModelList(std::string_view body);

}  // namespace gateos::plugins::drivers::anthropic

#pragma once
// Provider options of drivers.mock (see plugin.json "provider_schema").

#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::plugins::drivers::mock {

struct MockOptions {
  std::vector<std::string> models{"echo", "tools"};
  int chunkCount = 8;
  int chunkDelayMs = 0;
  std::string reply = "You said: {{last_user}}";
};

// Parses and checks options (unknown keys rejected). Errors read
// "provider <name>: chunk_count: expected an integer >= 1".
sdk::Result<MockOptions> parseMockOptions(const sdk::Json& options, std::string_view providerName);

}  // namespace gateos::plugins::drivers::mock

// toml++ is header-only and heavy to compile: kept to this one file.
#include <fmt/format.h>

#include <toml++/toml.h>

#include "gateos/sdk/integration/config_text.h"

namespace gateos::sdk::integration {

Status checkToml(std::string_view text) {
  try {
    (void)toml::parse(text);
  } catch (const toml::parse_error& e) {
    return Status(StatusCode::kInvalidArgument, fmt::format("line {} column {}: {}", e.source().begin.line,
                                                            e.source().begin.column, e.description()));
  }
  return {};
}

}  // namespace gateos::sdk::integration

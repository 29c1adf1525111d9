#include "gateos/sdk/codec/omitted_tools.h"

#include <algorithm>

#include "gateos/sdk/codec/anthropic_messages.h"
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::sdk::codec {

std::vector<std::string> omittedToolTypes(const ChatRequest& request, std::string_view targetDialect) {
  std::vector<std::string> out;
  for (const auto& t : request.tools) {
    if (t.type == "function") continue;
    // Anthropic server tools exist only at Anthropic; every other kind of
    // tool only behind the Responses API (see each encoder's encodeTool).
    bool kept = t.extra.is_object() && t.extra.contains("anthropic_tool")
                    ? targetDialect == anthropic_messages::kDialect
                    : targetDialect == openai_responses::kDialect;
    if (kept) continue;
    std::string type = t.type.empty() ? "unknown" : t.type;
    if (std::find(out.begin(), out.end(), type) == out.end()) out.push_back(std::move(type));
  }
  return out;
}

}  // namespace gateos::sdk::codec

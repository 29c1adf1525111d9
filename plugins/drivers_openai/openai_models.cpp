#include "openai_models.h"

namespace gateos::plugins::drivers::openai {

sdk::Result<std::vector<sdk::ModelInfo>> parseModelList(std::string_view body) {
  auto root = sdk::Json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object() || !root.contains("data") || !root["data"].is_array())
    return sdk::Status(sdk::StatusCode::kUpstreamError, "model list: expected {\"data\": [...]}");
  std::vector<sdk::ModelInfo> out;
  for (auto& m : root["data"]) {
    if (!m.is_object() || !m.contains("id") || !m["id"].is_string()) continue;
    sdk::ModelInfo info;
    info.id = m["id"].get<std::string>();
    if (auto o = m.find("owned_by"); o != m.end() && o->is_string()) info.ownedBy = o->get<std::string>();
    out.push_back(std::move(info));
  }
  return out;
}

}  // namespace gateos::plugins::drivers::openai

#include "anthropic_models.h"

#include "gateos/sdk/codec/anthropic_messages.h"

namespace gateos::plugins::drivers::anthropic {

sdk::Result<std::vector<sdk::ModelInfo>> parseModelList(std::string_view body) {
  auto root = sdk::Json::parse(body, nullptr, false);
  if (root.is_discarded() || !root.is_object() || !root.contains("data") || !root["data"].is_array())
    return sdk::Status(sdk::StatusCode::kUpstreamError, "model list: expected {\"data\": [...]}");
  std::vector<sdk::ModelInfo> out;
  for (auto& m : root["data"]) {
    if (!m.is_object() || !m.contains("id") || !m["id"].is_string()) continue;
    sdk::ModelInfo info;
    info.id = m["id"].get<std::string>();
    info.ownedBy = "anthropic";
    for (const char* key : {"display_name", "created_at"})
      if (auto v = m.find(key); v != m.end() && v->is_string()) info.extra[key] = *v;
    out.push_back(std::move(info));
  }
  return out;
}

void ModelsHandler::onHeaders(int status, const sdk::Headers& headers) noexcept {
  status_ = status;
  try {
    headers_ = headers;
  } catch (...) {
  }
}

void ModelsHandler::onBody(std::string_view chunk) noexcept {
  try {
    if (body_.size() + chunk.size() <= kMaxBody) body_.append(chunk);
  } catch (...) {
  }
}

void ModelsHandler::onComplete(const sdk::Status& status) noexcept {
  try {
    const std::string context = "discover models of " + name_;
    if (!status.isOk() && status_ == 0) return done_(status.prefixed(context));
    if (status_ < 200 || status_ >= 300)
      return done_(sdk::codec::anthropic_messages::statusFromUpstreamError(status_, body_, headers_).prefixed(context));
    if (!status.isOk()) return done_(status.prefixed(context));
    auto models = parseModelList(body_);
    if (!models) return done_(models.status().prefixed(context));
    done_(std::move(models.value()));
  } catch (...) {
  }
}

}  // namespace gateos::plugins::drivers::anthropic

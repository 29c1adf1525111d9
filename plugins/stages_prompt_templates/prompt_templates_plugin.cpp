#include "prompt_templates_plugin.h"

#include "gateos/sdk/util/json_scan.h"

namespace gateos::plugins::stages::prompt_templates {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

Status PromptTemplatesPlugin::configure(const Json& config, sdk::Host& host) {
  Json definitions = Json::array();
  if (config.is_object())
    if (auto it = config.find("templates"); it != config.end()) definitions = *it;
  auto set = sdk::util::PromptTemplateSet::build(definitions);
  if (!set) return set.status().prefixed("configure stages.prompt_templates");
  templates_ = std::move(set.value());
  applied_ = &host.metrics().counter("prompt_templates_applied_total", "Prompt templates placed into requests");
  host.logger().info("{} prompt template(s) active", templates_.size());
  return {};
}

bool PromptTemplatesPlugin::wantsRequest(const sdk::RequestContext& context, std::string_view rawBody) noexcept {
  return templates_.anyMatches(context, modelOf(rawBody));
}

// The top-level "model" string of the client's body (validated JSON), without
// decoding it; empty when absent or written with escapes.
std::string_view PromptTemplatesPlugin::modelOf(std::string_view rawBody) noexcept {
  auto span = sdk::util::findTopLevelValue(rawBody, "model");
  if (!span || span->end - span->begin < 2 || rawBody[span->begin] != '"') return {};
  std::string_view model = rawBody.substr(span->begin + 1, span->end - span->begin - 2);
  return model.find('\\') == std::string_view::npos ? model : std::string_view();
}

Status PromptTemplatesPlugin::onRequest(sdk::RequestContext& context, sdk::ChatRequest& request) noexcept {
  try {
    auto list = templates_.matching(context, request.model);
    if (list.empty()) return {};
    sdk::util::applyPromptTemplates(request, list, sdk::util::TemplateValues::from(context, request.model, sdk::util::utcDate()));
    Json applied = Json::array();
    for (const auto* t : list) applied.push_back(t->name() + "@" + std::to_string(t->version()));
    context.annotations[std::string(kPluginId)] = std::move(applied);
    if (applied_) applied_->add(static_cast<double>(list.size()));
    return {};
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("prompt templates: ") + e.what());
  }
}

}  // namespace gateos::plugins::stages::prompt_templates

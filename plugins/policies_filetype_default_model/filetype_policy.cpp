#include "filetype_policy.h"

namespace gateos::plugins::policies::filetype_default_model {

using sdk::Status;
using sdk::StatusCode;

Status FiletypePolicy::configure(const sdk::Json& config, sdk::Host& host) {
  (void)host;
  auto parsed = RoutingConfig::parse(config);
  if (!parsed) return parsed.status();
  config_ = std::move(parsed.value());
  return {};
}

bool FiletypePolicy::wantsRequest(const sdk::RequestContext& context, std::string_view requestedModel) noexcept {
  const WorkspaceRules* ws = config_ ? config_->find(context.workspace) : nullptr;
  return ws && (ws->anyOverride || ws->routable(requestedModel));
}

sdk::Result<std::optional<sdk::RouteDecision>> FiletypePolicy::route(const sdk::RequestContext& context,
                                                                     const sdk::ChatRequest* request,
                                                                     std::string_view requestedModel,
                                                                     const sdk::ModelCatalog& catalog) noexcept {
  try {
    const WorkspaceRules* ws = config_ ? config_->find(context.workspace) : nullptr;
    if (!ws) return std::optional<sdk::RouteDecision>();
    const bool routable = ws->routable(requestedModel);
    const bool autocomplete = isAutocomplete(context, request);
    auto files = collectCandidates(context, request);
    auto match = firstMatch(*ws, files, autocomplete, /*explicitOnly=*/!routable);

    sdk::RouteDecision decision;
    const FileCandidate* file = nullptr;
    if (match) {
      decision.model = match->rule->model;
      decision.rule = match->rule->name;
      file = match->file;
    } else {
      // An explicit model no rule claims is left alone.
      if (!routable) return std::optional<sdk::RouteDecision>();
      if (ws->defaultModel.empty()) {
        if (catalog.contains(requestedModel)) return std::optional<sdk::RouteDecision>();
        return Status(StatusCode::kNotFound, "no file-type rule matched and workspace '" + context.workspace +
                                                 "' has no default_model for '" + std::string(requestedModel) + "'")
            .withReason("model_not_found");
      }
      decision.model = ws->defaultModel;
      decision.rule = "default";
      if (!files.empty()) file = &files.front();
    }
    decision.explanation = "filetype=" + (file ? file->fileType() : std::string("none"));
    if (autocomplete) decision.explanation += "; kind=autocomplete";
    return std::optional<sdk::RouteDecision>(std::move(decision));
  } catch (const std::exception& e) {
    return Status(StatusCode::kInternal, std::string("route: ") + e.what());
  }
}

}  // namespace gateos::plugins::policies::filetype_default_model

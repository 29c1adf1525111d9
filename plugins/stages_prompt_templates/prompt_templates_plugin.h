#pragma once
// stages.prompt_templates: puts the workspace's prompt templates into the
// system prompt or the last user message of each request.
//
// The kernel owns the templates (versions, admin API, validation on save) and
// hands the active version of every template to this plugin as its "templates"
// configuration; a change makes a new plugin generation. The request path
// therefore never touches storage.
//
//   wantsRequest  false unless an enabled template of the request's workspace
//                 matches its model (as the client asked, read from the raw
//                 body) / client / file types: requests without
//                 templates keep the pass-through path.
//   onRequest     renders the matching templates in stacking order and places
//                 them (sdk/util/prompt_template.h); records "name@version" of
//                 each in context.annotations["stages.prompt_templates"].
//
// Thread-safety: after configure() the object holds only the immutable
// template set and a counter.

#include <string_view>

#include "gateos/sdk/plugin.h"
#include "gateos/sdk/stage.h"
#include "gateos/sdk/util/prompt_template.h"

namespace gateos::plugins::stages::prompt_templates {

inline constexpr std::string_view kPluginId = "stages.prompt_templates";

class PromptTemplatesPlugin final : public sdk::Plugin, public sdk::Stage {
 public:
  sdk::Status configure(const sdk::Json& config, sdk::Host& host) override;
  sdk::Stage* asStage() noexcept override { return this; }

  bool wantsRequest(const sdk::RequestContext& context, std::string_view rawBody) noexcept override;
  sdk::Status onRequest(sdk::RequestContext& context, sdk::ChatRequest& request) noexcept override;

  const sdk::util::PromptTemplateSet& templates() const noexcept { return templates_; }
  static std::string_view modelOf(std::string_view rawBody) noexcept;

 private:
  sdk::util::PromptTemplateSet templates_;
  sdk::Counter* applied_ = nullptr;
};

}  // namespace gateos::plugins::stages::prompt_templates

#include "core/translation/translated_tools.h"

#include <spdlog/spdlog.h>

#include "core/metrics_registry.h"
#include "gateos/sdk/codec/omitted_tools.h"
#include "gateos/sdk/codec/openai_responses.h"

namespace gateos::kernel::core {

std::string prepareTranslatedTools(const sdk::ChatRequest& request, sdk::RequestContext& context,
                                   std::string_view targetDialect, MetricsRegistry* metrics) {
  const std::string namesKey(sdk::codec::openai_responses::kClientToolNames);
  if (auto names = request.extra.find(namesKey); request.extra.is_object() && names != request.extra.end())
    context.annotations[namesKey] = *names;

  std::string header;
  for (const auto& type : sdk::codec::omittedToolTypes(request, targetDialect)) {
    if (!header.empty()) header += ',';
    header += type;
    if (metrics)
      metrics
          ->counter("gateos_translation_omitted_tools_total",
                    "Tools left out of requests translated to a dialect that cannot run them, by tool type",
                    {{"type", type}})
          .add();
  }
  if (!header.empty())
    spdlog::warn("request {}: tools left out for the {} provider (it cannot run them): {}", context.requestId,
                 targetDialect.empty() ? std::string_view("other-dialect") : targetDialect, header);
  return header;
}

}  // namespace gateos::kernel::core

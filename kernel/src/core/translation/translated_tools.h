#pragma once
// What translating a request to another dialect does to the client's tools,
// made visible rather than silent:
//   - tools the target cannot run (sdk::codec::omittedToolTypes) are reported
//     in the client's response header x-gateos-omitted-tools (their types,
//     comma-separated), one warning line in the log (types only, nothing the
//     client wrote) and gateos_translation_omitted_tools_total{type};
//   - the client's names of tools its decoder renamed for the target
//     (request.extra["gateos.tool_names"]) go to the client's encoder in the
//     context annotations, so the answer's calls come back under them.

#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/request_context.h"

namespace gateos::kernel::core {

class MetricsRegistry;

// Returns the x-gateos-omitted-tools value ("" when nothing is left out).
std::string prepareTranslatedTools(const sdk::ChatRequest& request, sdk::RequestContext& context,
                                   std::string_view targetDialect, MetricsRegistry* metrics);

}  // namespace gateos::kernel::core

#include "opencode_integration.h"
#include "gateos/sdk/plugin_export.h"

GATEOS_PLUGIN(gateos::plugins::integrations::opencode::OpencodeIntegration, "integrations.opencode", "1.0.0")

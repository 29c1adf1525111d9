#include "codex_integration.h"
#include "gateos/sdk/plugin_export.h"

GATEOS_PLUGIN(gateos::plugins::integrations::codex::CodexIntegration, "integrations.codex", "1.0.0")

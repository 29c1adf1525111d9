#include "aider_integration.h"
#include "gateos/sdk/plugin_export.h"

GATEOS_PLUGIN(gateos::plugins::integrations::aider::AiderIntegration, "integrations.aider", "1.0.0")

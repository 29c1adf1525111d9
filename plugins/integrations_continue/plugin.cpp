#include "continue_integration.h"
#include "gateos/sdk/plugin_export.h"

GATEOS_PLUGIN(gateos::plugins::integrations::continue_dev::ContinueIntegration, "integrations.continue", "1.0.0")

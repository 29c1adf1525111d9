#include "sdk_integration.h"
#include "gateos/sdk/plugin_export.h"

GATEOS_PLUGIN(gateos::plugins::integrations::sdk_env::SdkIntegration, "integrations.sdk", "1.0.0")

#include "anthropic_driver.h"
#include "gateos/sdk/plugin_export.h"

GATEOS_PLUGIN(gateos::plugins::drivers::anthropic::AnthropicDriverPlugin, "drivers.anthropic", "1.0.0")

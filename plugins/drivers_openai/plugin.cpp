#include "gateos/sdk/plugin_export.h"
#include "openai_driver.h"

GATEOS_PLUGIN(gateos::plugins::drivers::openai::OpenAiDriverPlugin, "drivers.openai", "1.0.0")

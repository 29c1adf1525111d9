#include "gateos/sdk/plugin_export.h"
#include "gemini_driver.h"

GATEOS_PLUGIN(gateos::plugins::drivers::gemini::GeminiDriverPlugin, "drivers.gemini", "1.0.0")

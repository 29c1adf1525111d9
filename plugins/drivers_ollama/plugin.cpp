#include "gateos/sdk/plugin_export.h"
#include "ollama_driver.h"

GATEOS_PLUGIN(gateos::plugins::drivers::ollama::OllamaDriverPlugin, "drivers.ollama", "1.0.0")

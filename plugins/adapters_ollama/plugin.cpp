#include "gateos/sdk/plugin_export.h"
#include "ollama_adapter.h"

GATEOS_PLUGIN(gateos::plugins::adapters::ollama::OllamaAdapterPlugin, "adapters.ollama", "1.0.0")

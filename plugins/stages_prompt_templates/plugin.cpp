#include "gateos/sdk/plugin_export.h"
#include "prompt_templates_plugin.h"

GATEOS_PLUGIN(gateos::plugins::stages::prompt_templates::PromptTemplatesPlugin, "stages.prompt_templates", "1.0.0")

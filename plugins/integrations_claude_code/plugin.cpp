#include "claude_code_integration.h"
#include "gateos/sdk/plugin_export.h"

GATEOS_PLUGIN(gateos::plugins::integrations::claude_code::ClaudeCodeIntegration, "integrations.claude_code", "1.0.0")

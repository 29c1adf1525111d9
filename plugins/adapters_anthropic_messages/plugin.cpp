#include "anthropic_adapter.h"
#include "gateos/sdk/plugin_export.h"

GATEOS_PLUGIN(gateos::plugins::adapters::anthropic_messages::AnthropicMessagesAdapterPlugin,
              "adapters.anthropic_messages", "1.0.0")

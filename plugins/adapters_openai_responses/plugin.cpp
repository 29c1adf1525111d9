#include "gateos/sdk/plugin_export.h"
#include "responses_adapter.h"

GATEOS_PLUGIN(gateos::plugins::adapters::openai_responses::OpenAiResponsesAdapterPlugin, "adapters.openai_responses",
              "1.0.0")

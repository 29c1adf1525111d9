#include "filetype_policy.h"
#include "gateos/sdk/plugin_export.h"

GATEOS_PLUGIN(gateos::plugins::policies::filetype_default_model::FiletypePolicy, "policies.filetype_default_model",
              "1.0.0")

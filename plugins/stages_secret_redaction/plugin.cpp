#include "gateos/sdk/plugin_export.h"
#include "redaction_plugin.h"

GATEOS_PLUGIN(gateos::plugins::stages::secret_redaction::SecretRedactionPlugin, "stages.secret_redaction", "1.0.0")

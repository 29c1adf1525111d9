#include "gateos/sdk/plugin_export.h"
#include "insight_plugin.h"

GATEOS_PLUGIN(gateos::plugins::stages::dependency_insight::DependencyInsightPlugin, "stages.dependency_insight", "1.0.0")

#include "gateos/sdk/plugin_export.h"
#include "mock_driver.h"

GATEOS_PLUGIN(gateos::plugins::drivers::mock::MockDriverPlugin, "drivers.mock", "1.0.0")

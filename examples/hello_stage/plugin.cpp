// The library's entry point: id and version must equal plugin.json's.
#include "gateos/sdk/plugin_export.h"
#include "hello_header.h"

GATEOS_PLUGIN(hello_example::HelloHeaderStage, "stages.hello_header", "1.0.0")

#pragma once
// Everything a plugin may include, in one header.
#include "gateos/sdk/abi.h"
#include "gateos/sdk/adapter.h"
#include "gateos/sdk/canonical.h"
#include "gateos/sdk/command.h"
#include "gateos/sdk/driver.h"
#include "gateos/sdk/host.h"
#include "gateos/sdk/integration.h"
#include "gateos/sdk/plugin.h"
#include "gateos/sdk/policy.h"
#include "gateos/sdk/response_accumulator.h"
#include "gateos/sdk/stage.h"

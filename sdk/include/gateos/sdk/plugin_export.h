#pragma once
// Exports a plugin class from a shared library:
//
//   GATEOS_PLUGIN(gateos::plugins::drivers::mock::MockDriverPlugin, "drivers.mock", "1.0.0")
//
// Use once per library, in plugin.cpp. The id and version must equal the manifest's.

#include "gateos/sdk/abi.h"
#include "gateos/sdk/build_signature.h"
#include "gateos/sdk/plugin.h"

#define GATEOS_PLUGIN(PluginClass, PluginId, PluginVersion)                                  \
  extern "C" __attribute__((visibility("default"))) const gateos_plugin_descriptor*          \
  gateos_plugin_entry(void) {                                                                \
    static const gateos_plugin_descriptor descriptor = {                                     \
        GATEOS_ABI_MAJOR,                                                                     \
        GATEOS_ABI_MINOR,                                                                     \
        GATEOS_BUILD_SIGNATURE,                                                               \
        PluginId,                                                                             \
        PluginVersion,                                                                        \
        []() -> void* {                                                                       \
          try {                                                                               \
            return static_cast<::gateos::sdk::Plugin*>(new PluginClass());                    \
          } catch (...) {                                                                     \
            return nullptr;                                                                   \
          }                                                                                   \
        },                                                                                    \
        [](void* plugin) { delete static_cast<::gateos::sdk::Plugin*>(plugin); },             \
    };                                                                                        \
    return &descriptor;                                                                       \
  }

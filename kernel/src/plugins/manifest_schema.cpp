#include "plugins/manifest_schema.h"

namespace gateos::kernel::plugins {
namespace {

// Keep in sync with Manifest::load (manifest.cpp), which reads these fields.
constexpr std::string_view kManifestSchema = R"json({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://gateos.dev/schema/plugin.schema.json",
  "title": "GateOS plugin manifest (plugin.json)",
  "type": "object",
  "properties": {
    "id": {
      "description": "<kind plural>.<name>, e.g. drivers.openai",
      "type": "string",
      "pattern": "^(drivers|adapters|stages|policies|integrations)\\.[a-z0-9_]+$"
    },
    "version": {
      "description": "semantic version of the plugin",
      "type": "string",
      "pattern": "^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$"
    },
    "kind": {"enum": ["driver", "adapter", "stage", "policy", "integration"]},
    "name": {"type": "string", "maxLength": 200},
    "description": {"type": "string", "maxLength": 2000},
    "author": {"type": "string"},
    "license": {"type": "string"},
    "homepage": {"type": "string", "format": "uri"},
    "keywords": {"type": "array", "items": {"type": "string"}},
    "library": {
      "description": "file name of the shared library, in the plugin folder",
      "type": "string",
      "pattern": "^[A-Za-z0-9_][A-Za-z0-9_.+-]*$",
      "maxLength": 255
    },
    "sdk": {
      "type": "object",
      "properties": {
        "abi_major": {"type": "integer", "minimum": 0},
        "abi_minor": {"type": "integer", "minimum": 0}
      },
      "required": ["abi_major", "abi_minor"]
    },
    "config_schema": {"type": ["object", "boolean"], "additionalProperties": true},
    "provider_schema": {"type": ["object", "boolean"], "additionalProperties": true},
    "default_config": {"type": "object", "additionalProperties": true},
    "capabilities": {"type": ["object", "array"], "additionalProperties": true},
    "dependencies": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "id": {"type": "string", "pattern": "^(drivers|adapters|stages|policies|integrations)\\.[a-z0-9_]+$"},
          "version": {"description": "version requirement, e.g. >=1.2.0", "type": "string"}
        },
        "required": ["id"]
      }
    }
  },
  "required": ["id", "version", "kind", "library", "sdk"]
})json";

}  // namespace

std::string_view manifestSchemaText() noexcept { return kManifestSchema; }

}  // namespace gateos::kernel::plugins

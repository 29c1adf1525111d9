#include "plugins/manifest.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include "gateos/sdk/abi.h"
#include "plugins/manifest_schema.h"

namespace gateos::kernel::plugins {
namespace {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

const JsonSchema& manifestSchema() {
  // Compiled once; the text is ours, so a failure here is a kernel bug.
  static const JsonSchema schema = JsonSchema::compile(Json::parse(manifestSchemaText())).value();
  return schema;
}

Status invalid(std::string message) { return Status(StatusCode::kInvalidArgument, std::move(message)); }

// Compiles a schema embedded in the manifest, refusing unsupported keywords.
sdk::Result<std::shared_ptr<const JsonSchema>> compileEmbedded(const Json& schema, const char* field) {
  auto compiled = JsonSchema::compile(schema);
  if (!compiled) return compiled.status().prefixed(field);
  return std::make_shared<const JsonSchema>(std::move(compiled).value());
}

}  // namespace

sdk::Result<Manifest> Manifest::load(const std::filesystem::path& pluginDir) {
  std::error_code ec;
  auto dir = std::filesystem::absolute(pluginDir, ec);
  if (ec) dir = pluginDir;
  auto file = dir / "plugin.json";
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, file.string() + ": cannot read plugin manifest");
  std::stringstream text;
  text << in.rdbuf();
  Json document = Json::parse(text.str(), nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return invalid(file.string() + ": not valid JSON");
  return fromJson(document, dir);
}

sdk::Result<Manifest> Manifest::fromJson(const Json& document, const std::filesystem::path& pluginDir) {
  std::string context = (pluginDir / "plugin.json").string();
  if (document.is_object() && document.contains("id") && document["id"].is_string()) {
    context = document["id"].get<std::string>() + ": plugin.json";
  }
  if (auto status = manifestSchema().validate(document); !status) return status.prefixed(context);

  Manifest m;
  m.raw = document;
  m.directory = pluginDir;
  m.id = document["id"].get<std::string>();
  m.version = document["version"].get<std::string>();
  m.kind = document["kind"].get<std::string>();
  m.kindId = *parsePluginKind(m.kind);  // the schema's enum guarantees it
  m.description = document.value("description", "");
  m.library = document["library"].get<std::string>();
  m.abiMajor = document["sdk"]["abi_major"].get<uint32_t>();
  m.abiMinor = document["sdk"]["abi_minor"].get<uint32_t>();
  // No schema means no settings: an empty closed object, so any key is refused.
  const Json kNoSettings = {{"type", "object"}, {"properties", Json::object()}};
  m.configSchema = document.value("config_schema", kNoSettings);
  m.providerSchema = document.value("provider_schema", kNoSettings);
  m.defaultConfig = document.value("default_config", Json::object());
  m.capabilities = document.value("capabilities", Json::object());
  for (const auto& dep : document.value("dependencies", Json::array())) {
    m.dependencies.push_back({dep["id"].get<std::string>(), dep.value("version", "")});
  }

  if (m.id.rfind(pluginIdPrefix(m.kindId), 0) != 0) {
    return invalid(context + ": id must start with '" + std::string(pluginIdPrefix(m.kindId)) + "' for kind " + m.kind);
  }
  if (m.abiMajor != GATEOS_ABI_MAJOR || m.abiMinor > GATEOS_ABI_MINOR) {
    return Status(StatusCode::kFailedPrecondition,
                  context + ": requires sdk ABI " + std::to_string(m.abiMajor) + "." + std::to_string(m.abiMinor) +
                      ", kernel provides " + std::to_string(GATEOS_ABI_MAJOR) + "." + std::to_string(GATEOS_ABI_MINOR));
  }
  if (m.library == "." || m.library == "..") return invalid(context + ": library must be a file name");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(m.libraryPath(), ec)) {
    return Status(StatusCode::kNotFound, context + ": library " + m.library + " not found in " + pluginDir.string());
  }

  auto config = compileEmbedded(m.configSchema, "config_schema");
  if (!config) return config.status().prefixed(context);
  m.configValidator = std::move(config).value();
  auto provider = compileEmbedded(m.providerSchema, "provider_schema");
  if (!provider) return provider.status().prefixed(context);
  m.providerValidator = std::move(provider).value();
  return m;
}

}  // namespace gateos::kernel::plugins

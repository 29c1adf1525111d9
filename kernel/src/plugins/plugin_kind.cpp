#include "plugins/plugin_kind.h"

namespace gateos::kernel::plugins {

std::optional<PluginKind> parsePluginKind(std::string_view name) noexcept {
  if (name == "driver") return PluginKind::kDriver;
  if (name == "adapter") return PluginKind::kAdapter;
  if (name == "stage") return PluginKind::kStage;
  if (name == "policy") return PluginKind::kPolicy;
  if (name == "integration") return PluginKind::kIntegration;
  return std::nullopt;
}

std::string_view pluginKindName(PluginKind kind) noexcept {
  switch (kind) {
    case PluginKind::kDriver: return "driver";
    case PluginKind::kAdapter: return "adapter";
    case PluginKind::kStage: return "stage";
    case PluginKind::kPolicy: return "policy";
    case PluginKind::kIntegration: return "integration";
  }
  return "unknown";
}

std::string_view pluginIdPrefix(PluginKind kind) noexcept {
  switch (kind) {
    case PluginKind::kDriver: return "drivers.";
    case PluginKind::kAdapter: return "adapters.";
    case PluginKind::kStage: return "stages.";
    case PluginKind::kPolicy: return "policies.";
    case PluginKind::kIntegration: return "integrations.";
  }
  return "";
}

}  // namespace gateos::kernel::plugins

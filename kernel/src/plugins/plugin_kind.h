#pragma once
// The five plugin kinds and their id prefixes (DESIGN.md "Plugin kinds").

#include <optional>
#include <string_view>

namespace gateos::kernel::plugins {

enum class PluginKind { kDriver, kAdapter, kStage, kPolicy, kIntegration };

// "driver" -> kDriver ...; nullopt for anything else.
std::optional<PluginKind> parsePluginKind(std::string_view name) noexcept;

// kDriver -> "driver".
std::string_view pluginKindName(PluginKind kind) noexcept;

// kDriver -> "drivers." (the prefix every id of that kind starts with).
std::string_view pluginIdPrefix(PluginKind kind) noexcept;

}  // namespace gateos::kernel::plugins

#pragma once
// Helpers every integration plugin shares around the Integration contract
// (gateos/sdk/integration.h): reading a config file, and the disconnect plan
// that takes back exactly what connect wrote.
//
// The connect record the kernel keeps (and hands back to planDisconnect) is
//   {"files": [{"path": "...", "existed": true, "before": "...", "after": "..."}]}
// — recordOf() below makes it from the applied changes.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "gateos/sdk/integration.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::integration {

// The file's bytes, or nullopt when it does not exist; an unreadable file is an error.
Result<std::optional<std::string>> readConfigFile(const std::filesystem::path& path);

// The record connect stores for `changes` (only files that really change).
Json recordOf(const std::vector<ConfigChange>& changes);

// For each recorded file: GateOS's lines taken out of the current content
// (line_diff.h undoEdits), or the file removed when connect created it and it
// holds nothing else. A file gone since is skipped; a file whose GateOS lines
// were edited by hand fails the whole plan (kFailedPrecondition, naming it).
Result<std::vector<ConfigChange>> planUndo(const Json& connectRecord);

// A ConfigChange for `path` from its current bytes to `after`.
ConfigChange changeTo(const std::filesystem::path& path, const std::optional<std::string>& current, std::string after);

}  // namespace gateos::sdk::integration

#pragma once
// Text-level edits of client config files for integration plugins. Connect
// changes only the lines it must, so that a disconnect (undoEdits in
// line_diff.h) can restore the user's file byte for byte; each check* tells
// whether a file parses at all, so that an unparsable file is left untouched.
// Pure functions; never throw except std::bad_alloc. Link gateos::sdk_integration.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::integration {

// kInvalidArgument naming the line/column when `text` is not valid in the format.
// JSON may carry // and /* */ comments when `allowComments` (JSONC: opencode).
Status checkJson(std::string_view text, bool allowComments = false);
Status checkYaml(std::string_view text);
Status checkToml(std::string_view text);

// `text` (a JSON object, or empty for a new file) with `members` set in the
// object reached by `objectPath` from the root; objects on the way are created.
// Existing members get their value replaced in place; new ones are inserted as
// the object's first lines, indented like their neighbours. Comments are kept.
Result<std::string> setJsonMembers(std::string_view text, const std::vector<std::string>& objectPath,
                                   const std::vector<std::pair<std::string, Json>>& members);

// The lines of a text from `line` on that belong to the same indented block
// (YAML mappings, TOML tables): used by the line editors below.
// Index of the first line at or after `from` that starts with `prefix`
// followed by optional spaces and `separator` (":" for YAML, "=" for TOML);
// npos when none before `end`.
std::size_t findKeyLine(const std::vector<std::string_view>& lines, std::string_view key, char separator,
                        std::size_t from = 0, std::size_t end = std::string_view::npos);

// `text` with the top-level scalar `key: value` lines of a YAML mapping set:
// existing lines replaced, missing ones appended at the end.
std::string setYamlTopLevel(std::string_view text, const std::vector<std::pair<std::string, std::string>>& keyValues);

// A YAML/TOML double-quoted scalar for `value`.
std::string quoted(std::string_view value);

}  // namespace gateos::sdk::integration

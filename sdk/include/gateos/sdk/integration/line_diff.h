#pragma once
// Line diffs of config files, for `gateos connect`: the unified diff shown
// before a change, and the undo of a connect inside a file the user may have
// edited since (only the lines GateOS added or replaced are put back; every
// other byte stays as the user left it). Lines keep their "\n".
// Pure functions; never throw except std::bad_alloc.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::sdk::integration {

// One changed region: before[beforeLine, +beforeCount) became after[afterLine, +afterCount).
struct LineHunk {
  std::size_t beforeLine = 0;
  std::size_t beforeCount = 0;
  std::size_t afterLine = 0;
  std::size_t afterCount = 0;
};

// Splits into lines, each with its trailing "\n" (the last one may lack it).
std::vector<std::string_view> splitLines(std::string_view text);

// The changed regions, in order (common prefix/suffix trimmed, LCS in between).
std::vector<LineHunk> diffLines(std::string_view before, std::string_view after);

// "--- a\n+++ b\n@@ -l,n +l,n @@\n ..." with `context` unchanged lines around
// each change; empty when the texts are equal.
std::string unifiedDiff(std::string_view before, std::string_view after, std::string_view beforeLabel,
                        std::string_view afterLabel, std::size_t context = 3);

// `current` with the edits that turned `before` into `after` taken back: each
// block of lines the edit added must appear exactly once in `current` (widened
// with neighbouring lines of `after` when it is not unique) and is replaced by
// the lines it replaced. kFailedPrecondition when a block was changed by hand.
Result<std::string> undoEdits(std::string_view before, std::string_view after, std::string_view current);

}  // namespace gateos::sdk::integration

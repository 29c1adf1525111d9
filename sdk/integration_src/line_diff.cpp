#include "gateos/sdk/integration/line_diff.h"

#include <algorithm>
#include <cstdint>
#include <fmt/format.h>

namespace gateos::sdk::integration {

namespace {

using Lines = std::vector<std::string_view>;

// Above this many cells the LCS table is not worth it: the middle becomes one hunk.
constexpr std::size_t kMaxLcsCells = 4'000'000;

std::string join(const Lines& lines, std::size_t from, std::size_t count) {
  std::string out;
  for (std::size_t i = from; i < from + count; ++i) out.append(lines[i]);
  return out;
}

std::size_t countOccurrences(std::string_view haystack, std::string_view needle, std::size_t* first) {
  std::size_t n = 0;
  for (auto pos = haystack.find(needle); pos != std::string_view::npos; pos = haystack.find(needle, pos + 1)) {
    if (n == 0 && first) *first = pos;
    ++n;
  }
  return n;
}

}  // namespace

std::vector<std::string_view> splitLines(std::string_view text) {
  Lines lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto nl = text.find('\n', start);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

std::vector<LineHunk> diffLines(std::string_view beforeText, std::string_view afterText) {
  const Lines a = splitLines(beforeText), b = splitLines(afterText);
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  const std::size_t n = a.size() - prefix - suffix, m = b.size() - prefix - suffix;
  std::vector<LineHunk> hunks;
  if (n == 0 && m == 0) return hunks;
  if (n == 0 || m == 0 || (n + 1) * (m + 1) > kMaxLcsCells) {
    hunks.push_back({prefix, n, prefix, m});
    return hunks;
  }
  // lcs[i][j]: LCS length of a[prefix+i..] and b[prefix+j..].
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;)
    for (std::size_t j = m; j-- > 0;)
      at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  std::size_t i = 0, j = 0;
  LineHunk open{};
  bool inHunk = false;
  auto flush = [&] {
    if (inHunk) hunks.push_back(open);
    inHunk = false;
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
      flush();
      ++i, ++j;
      continue;
    }
    if (!inHunk) {
      open = {prefix + i, 0, prefix + j, 0};
      inHunk = true;
    }
    if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) {
      ++open.afterCount;
      ++j;
    } else {
      ++open.beforeCount;
      ++i;
    }
  }
  flush();
  return hunks;
}

std::string unifiedDiff(std::string_view before, std::string_view after, std::string_view beforeLabel,
                        std::string_view afterLabel, std::size_t context) {
  const auto hunks = diffLines(before, after);
  if (hunks.empty()) return {};
  const Lines a = splitLines(before), b = splitLines(after);
  std::string out = fmt::format("--- {}\n+++ {}\n", beforeLabel, afterLabel);
  auto line = [&](char mark, std::string_view text) {
    out += mark;
    out.append(text);
    if (text.empty() || text.back() != '\n') out += "\n\\ No newline at end of file\n";
  };
  for (std::size_t h = 0; h < hunks.size();) {
    // Merge hunks whose context windows touch.
    std::size_t last = h;
    while (last + 1 < hunks.size() &&
           hunks[last + 1].beforeLine <= hunks[last].beforeLine + hunks[last].beforeCount + 2 * context)
      ++last;
    const std::size_t aStart = hunks[h].beforeLine > context ? hunks[h].beforeLine - context : 0;
    const std::size_t bStart = hunks[h].afterLine - (hunks[h].beforeLine - aStart);
    const std::size_t aEnd = std::min(a.size(), hunks[last].beforeLine + hunks[last].beforeCount + context);
    const std::size_t bEnd = hunks[last].afterLine + hunks[last].afterCount + (aEnd - hunks[last].beforeLine - hunks[last].beforeCount);
    out += fmt::format("@@ -{},{} +{},{} @@\n", aEnd > aStart ? aStart + 1 : aStart, aEnd - aStart,
                       bEnd > bStart ? bStart + 1 : bStart, bEnd - bStart);
    std::size_t ai = aStart;
    for (std::size_t k = h; k <= last; ++k) {
      for (; ai < hunks[k].beforeLine; ++ai) line(' ', a[ai]);
      for (std::size_t x = 0; x < hunks[k].beforeCount; ++x) line('-', a[hunks[k].beforeLine + x]);
      for (std::size_t x = 0; x < hunks[k].afterCount; ++x) line('+', b[hunks[k].afterLine + x]);
      ai = hunks[k].beforeLine + hunks[k].beforeCount;
    }
    for (; ai < aEnd; ++ai) line(' ', a[ai]);
    h = last + 1;
  }
  return out;
}

Result<std::string> undoEdits(std::string_view before, std::string_view after, std::string_view current) {
  const Lines a = splitLines(before), b = splitLines(after);
  std::string out(current);
  for (const auto& hunk : diffLines(before, after)) {
    std::string added = join(b, hunk.afterLine, hunk.afterCount);
    std::string removed = join(a, hunk.beforeLine, hunk.beforeCount);
    // Widen with the unchanged lines around the hunk until the block is unique
    // (a pure deletion needs at least one neighbour to know where it was).
    std::size_t up = 0, down = 0;
    while (true) {
      std::size_t pos = 0;
      std::size_t n = added.empty() ? 0 : countOccurrences(out, added, &pos);
      if (n == 1) {
        out.replace(pos, added.size(), removed);
        break;
      }
      if (n == 0 && !added.empty())
        return Status(StatusCode::kFailedPrecondition,
                      fmt::format("lines GateOS wrote were changed since: {}", std::string_view(added).substr(0, 80)));
      bool canUp = hunk.afterLine > up, canDown = hunk.afterLine + hunk.afterCount + down < b.size();
      if (!canUp && !canDown) return Status(StatusCode::kFailedPrecondition, "cannot tell where GateOS's lines are");
      if (canUp) {
        ++up;
        added.insert(0, b[hunk.afterLine - up]);
        removed.insert(0, b[hunk.afterLine - up]);
      } else {
        std::string_view next = b[hunk.afterLine + hunk.afterCount + down++];
        added.append(next);
        removed.append(next);
      }
    }
  }
  return out;
}

}  // namespace gateos::sdk::integration

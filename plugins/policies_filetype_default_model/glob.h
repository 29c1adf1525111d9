#pragma once
// Path globs for file-type rules (README.md "Globs"):
//   *      any run of characters within one path segment (no '/')
//   ?      one character (not '/')
//   [abc] [a-z] [!a-z]   one character from (or not from) a set
//   **     a whole segment: zero or more directories
//   {a,b}  alternatives (may nest)
//   \x     the character x
// A pattern without '/' matches the file name at any depth ("*.md",
// "Dockerfile"). A pattern with '/' matches the whole path or any tail of it
// that starts at a directory boundary, because clients send absolute as well
// as project-relative paths ("src/**/*.py" matches "/home/me/app/src/a/b.py").
// Compiled once (configuration); matching allocates nothing and is thread-safe.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/status.h"

namespace gateos::plugins::policies::filetype_default_model {

// A path split into segments once, then matched against many globs.
class PathSegments {
 public:
  static constexpr std::size_t kMaxSegments = 64;  // deeper paths keep their last 64 segments
  explicit PathSegments(std::string_view path) noexcept;
  std::size_t size() const noexcept { return size_; }
  std::string_view operator[](std::size_t i) const noexcept { return segments_[i]; }
  std::string_view fileName() const noexcept { return size_ ? segments_[size_ - 1] : std::string_view(); }

 private:
  std::array<std::string_view, kMaxSegments> segments_{};
  std::size_t size_ = 0;
};

class Glob {
 public:
  // Errors read "unclosed '['", "'**' must be a whole path segment" …
  static sdk::Result<Glob> compile(std::string_view pattern);

  bool matches(const PathSegments& path) const noexcept;
  bool matches(std::string_view path) const noexcept { return matches(PathSegments(path)); }
  const std::string& pattern() const noexcept { return pattern_; }
  // Per alternative, the literal end of every file name it matches ("" when
  // any name may match): for indexing rules (rule_index.h).
  std::vector<std::string> fileNameSuffixes() const;

 private:
  struct Alternative {
    std::vector<std::string> segments;  // "**" or a segment pattern
    bool anchored = false;              // had a '/': match a path tail, else the file name
    // Literal end every matching file name has (".py" of "src/**/*.py"), empty
    // when unknown: a memcmp rejects most rules before any wildcard matching.
    std::string fileNameSuffix;
  };
  bool matchFrom(const Alternative& alt, std::size_t pi, const PathSegments& path, std::size_t si) const noexcept;

  std::string pattern_;
  std::vector<Alternative> alternatives_;
};

// One segment against one segment pattern (*, ?, [...], \x). Exposed for tests.
bool matchSegment(std::string_view pattern, std::string_view text) noexcept;

}  // namespace gateos::plugins::policies::filetype_default_model

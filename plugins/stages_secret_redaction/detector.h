#pragma once
// One compiled detector: the precise RE2 regex that runs on a small window
// around each Hyperscan candidate, plus the checks that decide whether the
// captured value is really a secret (entropy, context rules, allowlist).
// Immutable after compile(); safe to use from several threads at once.

#include <re2/re2.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "gateos/sdk/status.h"
#include "pattern_pack.h"

namespace gateos::plugins::stages::secret_redaction {

// Values and patterns that are never redacted (user configuration).
struct Allowlist {
  std::unordered_set<std::string> values;
  std::vector<std::shared_ptr<const RE2>> patterns;  // must match the whole value
  bool allows(std::string_view value) const;
};

// A secret found in a text: [start, end) is the value to replace.
struct Finding {
  std::uint32_t detector = 0;
  std::size_t start = 0;
  std::size_t end = 0;
};

// A finding of Scanner::scanDocument(): in the JSON string `string`.
struct StringFinding {
  std::uint32_t string = 0;
  Finding finding;
};

class Detector {
 public:
  static constexpr std::size_t kNotCut = std::size_t(-1);
  static constexpr std::size_t kNoMatch = std::size_t(-1);

  static sdk::Result<std::shared_ptr<const Detector>> compile(DetectorSpec spec);

  const DetectorSpec& spec() const noexcept { return spec_; }

  // Appends to `out` every verified match that starts in [from, to) of `text`
  // (the whole text is context for \b and ^). Returns the start of a match
  // that `to` may have cut short (the caller searches from there again when
  // a later candidate extends the window), or kNotCut.
  // `lenient` skips the rules that look at the surrounding text (deny_before),
  // for scans of a whole raw body whose JSON structure is not the user's text.
  std::size_t search(std::string_view text, std::size_t from, std::size_t to, std::uint32_t index,
                     const Allowlist& allow, bool lenient, std::vector<Finding>& out) const;

  // The regex anchored at `at` (ending before `to`): appends the match to
  // `out` when it is accepted and returns its end; kNoMatch when there is no
  // match there or `to` may have cut it short (then search() the window).
  std::size_t matchAt(std::string_view text, std::size_t at, std::size_t to, std::uint32_t index,
                      const Allowlist& allow, bool lenient, std::vector<Finding>& out) const;

  // Whether the regex matches at the start of `text` (no capture extraction).
  bool matchesAtStart(std::string_view text) const;

  // Whether the window holds one of the keywords (case-insensitive); true
  // when the detector has none.
  bool keywordsIn(std::string_view window) const noexcept;

  // Checks a captured value in its text; public for tests.
  bool accepts(std::string_view text, std::size_t start, std::size_t end, const Allowlist& allow,
               bool lenient = false) const;

 private:
  explicit Detector(DetectorSpec spec) : spec_(std::move(spec)) {}
  void compactTrailingRepeat(const RE2::Options& options);
  std::size_t captureLength(std::size_t length) const noexcept;

  DetectorSpec spec_;
  std::unique_ptr<RE2> regex_;
  std::size_t maxCapture_ = std::size_t(-1);  // see compactTrailingRepeat()
  std::vector<std::unique_ptr<RE2>> denyValues_;
  std::vector<std::string> keywordsLower_;
};

// Shannon entropy in bits per byte.
double shannonEntropy(std::string_view value) noexcept;

}  // namespace gateos::plugins::stages::secret_redaction

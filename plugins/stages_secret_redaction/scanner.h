#pragma once
// The detection engine: one Hyperscan pass over the text with every detector's
// trigger (and every always_redact literal) in a single database, then the
// detector's precise RE2 regex on a small window around each candidate.
//
// Hyperscan runs without HS_FLAG_SOM_LEFTMOST: measured on this pack, start-of-
// match tracking made the combined database ~10x slower to compile and ~30x
// slower to scan. A candidate's end offset plus the detector's lookback (the
// trigger's maximum width, or max_length) bounds where the real match starts.
//
// Immutable after build(); scan() may run on many threads at once (Hyperscan
// scratch space comes from an internal pool).

#include <filesystem>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

#include "detector.h"
#include "json_text.h"
#include "scanner_cache.h"

namespace gateos::plugins::stages::secret_redaction {

class Scanner {
 public:
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  // Compiles the detectors (pack, custom patterns, always_redact literals in
  // that order). `cacheDir` holds compiled databases; may be empty.
  static sdk::Result<std::shared_ptr<const Scanner>> build(const std::vector<DetectorSpec>& specs, Allowlist allow,
                                                           const std::filesystem::path& cacheDir);

  // Appends the secrets of `text` to `out`: sorted by start, non-overlapping
  // (a specific detector wins over a generic one, then the longer match).
  void scan(std::string_view text, std::vector<Finding>& out) const;

  // True when `text` holds at least one secret (stops at the first). Lenient:
  // rules about the surrounding text are skipped, so that a raw JSON body is
  // flagged whenever any of its strings would be (a superset of scan()).
  bool containsSecret(std::string_view text) const;

  // One pass over a decoded JSON document for wantsRequest. `strings` are the
  // spans of its JSON string contents, in document order. Appends to `found`
  // (string index, finding in that string's coordinates) exactly what scan()
  // finds in each string alone, so onRequest need not scan those texts again,
  // and returns whether the document holds a secret: such a finding, or, for
  // candidates whose window reaches outside their string, a match of the
  // lenient containsSecret() rules on the whole document.
  bool scanDocument(std::string_view text, const std::vector<TextSpan>& strings,
                    std::vector<StringFinding>& found) const;

  const Detector& detector(std::uint32_t index) const noexcept { return *detectors_[index]; }
  std::size_t detectorCount() const noexcept { return detectors_.size(); }

 private:
  struct ScanState;
  Scanner() = default;
  static int onMatch(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void* context);
  struct Candidate {
    std::uint32_t id;
    std::size_t to;
  };
  void run(ScanState& state) const;
  static int onCandidate(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void* context);
  void collectDataRanges(ScanState& state) const;
  // scan() of `text` with the candidates Hyperscan found for it (ascending `to`).
  void scanCandidates(std::string_view text, const std::vector<Candidate>& candidates, std::vector<Finding>& out) const;
  void keepBest(std::vector<Finding>& found, std::vector<Finding>& out) const;
  // Verifies the candidate of detector `id` ending at `to`; true when it added a finding.
  bool confirm(ScanState& state, std::uint32_t id, std::size_t to) const;
  void confirmDeferred(ScanState& state) const;
  static void dropDataRangeFindings(ScanState& state, std::size_t from);
  hs_scratch_t* acquireScratch() const;
  void releaseScratch(hs_scratch_t* scratch) const;

  std::vector<std::shared_ptr<const Detector>> detectors_;
  std::vector<std::size_t> lookback_;
  std::vector<std::size_t> minWidth_;  // shortest match of the regex; 0: no anchored try
  std::vector<int> priority_;
  std::vector<std::size_t> triggerMinWidth_;
  // Detectors whose Hyperscan expression asserts the start (^, \A) or the end
  // ($, \z) of the text: a string inside a document is not a text of its own
  // for Hyperscan, so scanDocument() tries them at each string's edges.
  std::vector<std::uint32_t> startDetectors_, endDetectors_;
  std::shared_ptr<const HsDatabase> db_;
  Allowlist allow_;
  hs_scratch_t* prototype_ = nullptr;
  mutable std::mutex poolMutex_;
  mutable std::vector<hs_scratch_t*> pool_;
};

}  // namespace gateos::plugins::stages::secret_redaction

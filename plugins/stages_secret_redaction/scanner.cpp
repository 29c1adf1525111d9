#include "scanner.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <cstdlib>

namespace gateos::plugins::stages::secret_redaction {
namespace {

constexpr std::string_view kBase64Marker = ";base64,";

bool isBase64Char(char c) noexcept {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/' ||
         c == '=' || c == '-' || c == '_';
}

// Literal bytes as a Hyperscan expression.
std::string escapeLiteral(std::string_view literal) {
  std::string out;
  for (unsigned char c : literal) {
    if (std::isalnum(c)) {
      out.push_back(char(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

// Whether a Hyperscan expression asserts the start of the text (^ outside a
// character class, \A) or, with `end`, its end ($, \z, \Z).
bool assertsTextEdge(std::string_view e, bool end) {
  for (std::size_t i = 0; i < e.size(); ++i) {
    const char c = e[i];
    if (c == '\\') {
      const char n = i + 1 < e.size() ? e[i + 1] : '\0';
      if (end ? (n == 'z' || n == 'Z') : n == 'A') return true;
      ++i;
    } else if (c == '[') {
      std::size_t k = i + 1;
      if (k < e.size() && e[k] == '^') ++k;
      if (k < e.size() && e[k] == ']') ++k;
      while (k < e.size() && e[k] != ']') k += e[k] == '\\' ? 2 : 1;
      i = k;
    } else if (c == (end ? '$' : '^')) {
      return true;
    }
  }
  return false;
}

int priorityOf(const DetectorSpec& spec) {
  if (spec.literal) return 3;
  if (spec.category == "custom") return 2;
  return spec.generic() ? 0 : 1;
}

}  // namespace

struct Scanner::ScanState {
  const Scanner* self = nullptr;
  std::string_view text;
  std::vector<std::size_t> searchedUntil;
  std::vector<std::size_t> matchedUntil;  // end of the last match found by an anchored try
  std::vector<std::pair<std::size_t, std::size_t>> dataRanges;  // base64 payloads of data: URLs
  std::vector<Finding>* out = nullptr;
  // Candidates of generic detectors, confirmed after the Hyperscan pass and
  // only where no specific detector already found a secret (the generic one
  // would lose that overlap anyway): "TOKEN=ghp_…" costs one confirmation.
  std::vector<std::pair<std::uint32_t, std::size_t>> deferred;
  bool stopAtFirst = false;  // and lenient

  ScanState(const Scanner* scanner, std::string_view scanned, std::vector<Finding>* findings, bool firstOnly = false)
      : self(scanner), text(scanned), out(findings), stopAtFirst(firstOnly) {}

  bool inDataRange(std::size_t start, std::size_t end) const {
    for (const auto& [a, b] : dataRanges)
      if (start >= a && end <= b) return true;
    return false;
  }
};

Scanner::~Scanner() {
  for (auto* s : pool_) hs_free_scratch(s);
  if (prototype_) hs_free_scratch(prototype_);
}

sdk::Result<std::shared_ptr<const Scanner>> Scanner::build(const std::vector<DetectorSpec>& specs, Allowlist allow,
                                                           const std::filesystem::path& cacheDir) {
  std::shared_ptr<Scanner> scanner(new Scanner());
  scanner->allow_ = std::move(allow);
  std::vector<HsExpression> expressions;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& spec = specs[i];
    auto detector = Detector::compile(spec);
    if (!detector) return detector.status();
    HsExpression e;
    e.id = unsigned(i);
    if (spec.literal) {
      e.expression = escapeLiteral(spec.regex);
      e.flags = 0;  // every occurrence, case-sensitive
    } else {
      e.expression = spec.trigger.empty() ? spec.regex : spec.trigger;
      e.flags = HS_FLAG_DOTALL;
    }
    std::size_t lookback = spec.maxLength;
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* error = nullptr;
    if (hs_expression_info(e.expression.c_str(), e.flags, &info, &error) != HS_SUCCESS) {
      std::string message = error ? error->message : "invalid expression";
      if (error) hs_free_compile_error(error);
      return sdk::Status(sdk::StatusCode::kInvalidArgument,
                         spec.id + ": " + (spec.trigger.empty() ? "regex" : "trigger") + ": hyperscan: " + message);
    }
    if (info->max_width != UINT_MAX) lookback = std::min<std::size_t>(lookback, info->max_width);
    // Anchored tries only where the trigger is the regex itself.
    scanner->minWidth_.push_back(spec.literal || !spec.trigger.empty() ? 0 : info->min_width);
    scanner->triggerMinWidth_.push_back(std::max<std::size_t>(1, info->min_width));
    if (!spec.literal && assertsTextEdge(e.expression, false)) scanner->startDetectors_.push_back(std::uint32_t(i));
    if (!spec.literal && assertsTextEdge(e.expression, true)) scanner->endDetectors_.push_back(std::uint32_t(i));
    free(info);  // Hyperscan's misc allocator is malloc
    scanner->lookback_.push_back(lookback);
    scanner->priority_.push_back(priorityOf(spec));
    scanner->detectors_.push_back(std::move(detector).value());
    expressions.push_back(std::move(e));
  }
  auto db = compileDatabase(expressions, cacheDir);
  if (!db) {
    const auto& reason = db.status().reason();
    if (!reason.empty()) {
      const auto index = std::size_t(std::stoul(reason));
      return sdk::Status(sdk::StatusCode::kInvalidArgument, specs[index].id + ": " + db.status().message());
    }
    return db.status();
  }
  scanner->db_ = std::move(db).value();
  if (scanner->db_ && hs_alloc_scratch(scanner->db_->get(), &scanner->prototype_) != HS_SUCCESS)
    return sdk::Status(sdk::StatusCode::kInternal, "hyperscan: cannot allocate scratch space");
  return std::shared_ptr<const Scanner>(std::move(scanner));
}

hs_scratch_t* Scanner::acquireScratch() const {
  {
    std::lock_guard lock(poolMutex_);
    if (!pool_.empty()) {
      auto* s = pool_.back();
      pool_.pop_back();
      return s;
    }
  }
  hs_scratch_t* clone = nullptr;
  if (hs_clone_scratch(prototype_, &clone) != HS_SUCCESS) return nullptr;
  return clone;
}

void Scanner::releaseScratch(hs_scratch_t* scratch) const {
  std::lock_guard lock(poolMutex_);
  pool_.push_back(scratch);
}

int Scanner::onMatch(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/,
                     void* context) {
  auto& st = *static_cast<ScanState*>(context);
  if (st.self->priority_[id] == 0) {
    st.deferred.emplace_back(id, std::size_t(to));
    return 0;
  }
  return st.self->confirm(st, id, std::size_t(to)) && st.stopAtFirst ? 1 : 0;
}

bool Scanner::confirm(ScanState& st, std::uint32_t id, std::size_t to) const {
  const Detector& det = *detectors_[id];
  const std::size_t n = st.text.size();
  const std::size_t before = st.out->size();
  if (det.spec().literal) {
    const std::size_t start = to - det.spec().regex.size();
    st.out->push_back({id, start, to});
  } else {
    const std::size_t end = std::min<std::size_t>(n, to + det.spec().maxLength);
    if (end <= st.searchedUntil[id] || to <= st.matchedUntil[id]) return false;
    // Hyperscan reports the end of the shortest match first, so a match of a
    // fixed-width start ("ghp_", "AKIA") begins exactly minWidth before `to`:
    // one anchored RE2 run there is ~5x cheaper than searching the window.
    if (minWidth_[id] > 0 && to >= minWidth_[id]) {
      const std::size_t matchEnd = det.matchAt(st.text, to - minWidth_[id], end, id, allow_, st.stopAtFirst, *st.out);
      if (matchEnd != Detector::kNoMatch) {
        st.matchedUntil[id] = matchEnd;
        dropDataRangeFindings(st, before);
        return st.out->size() > before;
      }
    }
    const std::size_t lookback = lookback_[id];
    const std::size_t start = to > lookback ? to - lookback : 0;
    if (!det.keywordsIn(st.text.substr(start, end - start))) {
      st.searchedUntil[id] = end;
      return false;
    }
    const std::size_t cut = det.search(st.text, start, end, id, allow_, st.stopAtFirst, *st.out);
    st.searchedUntil[id] = cut == Detector::kNotCut ? end : cut;
  }
  dropDataRangeFindings(st, before);
  return st.out->size() > before;
}

void Scanner::dropDataRangeFindings(ScanState& st, std::size_t from) {
  if (st.dataRanges.empty()) return;
  auto& out = *st.out;
  out.erase(std::remove_if(out.begin() + std::ptrdiff_t(from), out.end(),
                           [&](const Finding& f) { return st.inDataRange(f.start, f.end); }),
            out.end());
}

void Scanner::confirmDeferred(ScanState& st) const {
  for (const auto& [id, to] : st.deferred) {
    bool covered = false;
    for (const auto& f : *st.out) {
      if (f.start < to && to <= f.end && priority_[f.detector] > 0) {
        covered = true;
        break;
      }
    }
    if (covered) continue;
    if (confirm(st, id, to) && st.stopAtFirst) return;
  }
}

void Scanner::collectDataRanges(ScanState& state) const {
  state.searchedUntil.assign(detectors_.size(), 0);
  state.matchedUntil.assign(detectors_.size(), 0);
  for (std::size_t p = state.text.find(kBase64Marker); p != std::string_view::npos;
       p = state.text.find(kBase64Marker, p + 1)) {
    std::size_t e = p + kBase64Marker.size();
    while (e < state.text.size() && isBase64Char(state.text[e])) ++e;
    state.dataRanges.emplace_back(p + kBase64Marker.size(), e);
  }
}

void Scanner::run(ScanState& state) const {
  if (!db_ || state.text.empty()) return;
  collectDataRanges(state);
  hs_scratch_t* scratch = acquireScratch();
  if (scratch == nullptr) return;
  // Hyperscan takes an unsigned int length; request bodies are far below 4 GiB.
  const auto length = unsigned(std::min<std::size_t>(state.text.size(), UINT_MAX));
  const hs_error_t rc = hs_scan(db_->get(), state.text.data(), length, 0, scratch, &Scanner::onMatch, &state);
  releaseScratch(scratch);
  if (rc == HS_SCAN_TERMINATED) return;  // stopped at the first secret
  confirmDeferred(state);
}

void Scanner::scan(std::string_view text, std::vector<Finding>& out) const {
  std::vector<Finding> found;
  ScanState state(this, text, &found);
  run(state);
  if (!found.empty()) keepBest(found, out);
}

void Scanner::keepBest(std::vector<Finding>& found, std::vector<Finding>& out) const {
  std::sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  // Overlaps: keep the better of two (priority, then length), greedily by start.
  std::vector<Finding> kept;
  for (const auto& f : found) {
    if (!kept.empty() && f.start < kept.back().end) {
      const auto& k = kept.back();
      const int pf = priority_[f.detector], pk = priority_[k.detector];
      if (pf > pk || (pf == pk && (f.end - f.start) > (k.end - k.start))) kept.back() = f;
      continue;
    }
    kept.push_back(f);
  }
  out.insert(out.end(), kept.begin(), kept.end());
}

int Scanner::onCandidate(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/,
                         void* context) {
  static_cast<std::vector<Candidate>*>(context)->push_back({std::uint32_t(id), std::size_t(to)});
  return 0;
}

void Scanner::scanCandidates(std::string_view text, const std::vector<Candidate>& candidates,
                             std::vector<Finding>& out) const {
  // run() with the candidates given instead of found: the same confirmations
  // in the same order.
  std::vector<Finding> found;
  ScanState state(this, text, &found);
  collectDataRanges(state);
  for (const auto& c : candidates) {
    if (priority_[c.id] == 0) state.deferred.emplace_back(c.id, c.to);
    else confirm(state, c.id, c.to);
  }
  confirmDeferred(state);
  if (!found.empty()) keepBest(found, out);
}

bool Scanner::scanDocument(std::string_view text, const std::vector<TextSpan>& strings,
                           std::vector<StringFinding>& found) const {
  if (!db_ || text.empty()) return false;
  std::vector<Candidate> all;
  hs_scratch_t* scratch = acquireScratch();
  if (scratch == nullptr) return true;  // cannot tell: let onRequest look
  const auto length = unsigned(std::min<std::size_t>(text.size(), UINT_MAX));
  const hs_error_t rc = hs_scan(db_->get(), text.data(), length, 0, scratch, &Scanner::onCandidate, &all);
  releaseScratch(scratch);
  if (rc != HS_SUCCESS) return true;
  // Hyperscan reports in end order; confirm() relies on it.
  std::stable_sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) { return a.to < b.to; });

  // Each string alone, with the candidates that end inside it. Those are all
  // the candidates scan() would see for the string by itself, except where
  // a trigger asserts the start or end of the text: tried at the edges.
  const std::size_t foundBefore = found.size();
  std::vector<Candidate> local, beyond;
  std::vector<Finding> stringFound;
  std::size_t c = 0;
  for (std::uint32_t s = 0; s < strings.size(); ++s) {
    const std::size_t a = strings[s].start, b = strings[s].end, len = b - a;
    while (c < all.size() && all[c].to <= a) beyond.push_back(all[c++]);
    const std::string_view str = text.substr(a, len);
    local.clear();
    // A match at the very start of the string (only these need ^ there).
    for (const auto id : startDetectors_)
      if (len >= triggerMinWidth_[id] && detectors_[id]->matchesAtStart(str)) local.push_back({id, triggerMinWidth_[id]});
    while (c < all.size() && all[c].to <= b) {
      const Candidate& k = all[c++];
      local.push_back({k.id, k.to - a});
      // The lenient rules would look at text outside the string.
      if (k.to < a + lookback_[k.id] || k.to + detectors_[k.id]->spec().maxLength > b) beyond.push_back(k);
    }
    // A match that ends with the string ($ there): tried where the window
    // before the end holds one of the detector's keywords.
    for (const auto id : endDetectors_) {
      const std::size_t from = len > lookback_[id] ? len - lookback_[id] : 0;
      if (len >= triggerMinWidth_[id] && detectors_[id]->keywordsIn(str.substr(from))) local.push_back({id, len});
    }
    if (local.empty()) continue;
    std::stable_sort(local.begin(), local.end(), [](const Candidate& x, const Candidate& y) { return x.to < y.to; });
    stringFound.clear();
    scanCandidates(str, local, stringFound);
    for (const auto& f : stringFound) found.push_back({s, f});
  }
  while (c < all.size()) beyond.push_back(all[c++]);
  if (found.size() > foundBefore) return true;
  if (beyond.empty()) return false;

  // No string holds a secret by itself: the lenient rules of containsSecret()
  // on the whole document, for the candidates whose window leaves a string.
  std::vector<Finding> lenient;
  ScanState state(this, text, &lenient, true);
  collectDataRanges(state);
  for (const auto& k : beyond) {
    if (priority_[k.id] == 0) state.deferred.emplace_back(k.id, k.to);
    else if (confirm(state, k.id, k.to)) return true;
  }
  confirmDeferred(state);
  return !lenient.empty();
}

bool Scanner::containsSecret(std::string_view text) const {
  std::vector<Finding> found;
  ScanState state(this, text, &found, true);
  run(state);
  return !found.empty();
}

}  // namespace gateos::plugins::stages::secret_redaction

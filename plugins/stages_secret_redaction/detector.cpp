#include "detector.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdint>

namespace gateos::plugins::stages::secret_redaction {
namespace {

constexpr std::string_view kPlaceholderMark = "[[GATEOS:";
constexpr std::size_t kDenyBeforeWindow = 48;

// ASCII lower-casing without the locale lookups of std::tolower (hot path).
constexpr std::array<char, 256> kLower = [] {
  std::array<char, 256> t{};
  for (int i = 0; i < 256; ++i) t[i] = char((i >= 'A' && i <= 'Z') ? i + 32 : i);
  return t;
}();

char lower(char c) noexcept { return kLower[static_cast<unsigned char>(c)]; }

bool containsNoCase(std::string_view hay, std::string_view needleLower) noexcept {
  if (needleLower.empty()) return true;
  if (hay.size() < needleLower.size()) return false;
  const char first = needleLower[0];
  const char firstUpper = (first >= 'a' && first <= 'z') ? char(first - 32) : first;
  const std::size_t last = hay.size() - needleLower.size();
  for (std::size_t i = 0; i <= last; ++i) {
    const char c = hay[i];
    if (c != first && c != firstUpper) continue;
    std::size_t k = 1;
    while (k < needleLower.size() && lower(hay[i + k]) == needleLower[k]) ++k;
    if (k == needleLower.size()) return true;
  }
  return false;
}

bool isIdentifierWord(std::string_view v) noexcept {
  if (v.empty()) return false;
  for (char c : v) {
    const bool ok = std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

bool Allowlist::allows(std::string_view value) const {
  if (!values.empty() && values.count(std::string(value))) return true;
  for (const auto& re : patterns)
    if (RE2::FullMatch(value, *re)) return true;
  return false;
}

double shannonEntropy(std::string_view value) noexcept {
  if (value.empty()) return 0;
  // Only the bytes present are visited (a bitmap keeps byte order, so the sum
  // is the same as over all 256 counts): runs for every candidate secret.
  unsigned counts[256];
  std::uint64_t present[4] = {0, 0, 0, 0};
  for (unsigned char c : value) {
    const std::uint64_t bit = std::uint64_t(1) << (c & 63);
    if (!(present[c >> 6] & bit)) {
      present[c >> 6] |= bit;
      counts[c] = 0;
    }
    ++counts[c];
  }
  double h = 0;
  const double n = double(value.size());
  for (unsigned word = 0; word < 4; ++word) {
    for (std::uint64_t bits = present[word]; bits != 0; bits &= bits - 1) {
      const unsigned c = counts[word * 64 + unsigned(__builtin_ctzll(bits))];
      const double p = c / n;
      h -= p * std::log2(p);
    }
  }
  return h;
}

sdk::Result<std::shared_ptr<const Detector>> Detector::compile(DetectorSpec spec) {
  std::shared_ptr<Detector> d(new Detector(std::move(spec)));
  if (!d->spec_.literal) {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_dot_nl(false);
    d->regex_ = std::make_unique<RE2>(d->spec_.regex, options);
    if (!d->regex_->ok())
      return sdk::Status(sdk::StatusCode::kInvalidArgument, d->spec_.id + ": regex: " + d->regex_->error());
    d->compactTrailingRepeat(options);
  }
  for (const auto& src : d->spec_.context.denyValues) {
    auto re = std::make_unique<RE2>(src, RE2::Quiet);
    if (!re->ok()) return sdk::Status(sdk::StatusCode::kInvalidArgument, d->spec_.id + ": deny_values: " + re->error());
    d->denyValues_.push_back(std::move(re));
  }
  for (const auto& k : d->spec_.keywords) {
    std::string l(k);
    std::transform(l.begin(), l.end(), l.begin(), lower);
    d->keywordsLower_.push_back(std::move(l));
  }
  return std::shared_ptr<const Detector>(std::move(d));
}

// A large bounded repeat closing the capture group at the very end of the
// regex, "…(C{16,256})", makes RE2's program ~7x larger (every copy of C is an
// instruction), and every capture extraction pays for it. Nothing follows the
// repeat, so greedy "(C{16,})" with the capture cut to 256 characters is the
// same match; the regex runs in that form.
void Detector::compactTrailingRepeat(const RE2::Options& options) {
  static const RE2 tail(R"(\]\{([0-9]+),([0-9]+)\}\)$)");
  std::size_t lo = 0, hi = 0;
  const std::string& src = spec_.regex;
  if (!RE2::PartialMatch(src, tail, &lo, &hi) || hi < lo + 64) return;
  if (spec_.group < 1 || regex_->NumberOfCapturingGroups() != spec_.group) return;  // the last group is the secret
  const std::string bound = "{" + std::to_string(lo) + "," + std::to_string(hi) + "})";
  std::string compact = src.substr(0, src.size() - bound.size()) + "{" + std::to_string(lo) + ",})";
  auto re = std::make_unique<RE2>(compact, options);
  if (!re->ok() || re->NumberOfCapturingGroups() != spec_.group) return;
  regex_ = std::move(re);
  maxCapture_ = hi;
}

std::size_t Detector::captureLength(std::size_t length) const noexcept { return std::min(length, maxCapture_); }

bool Detector::matchesAtStart(std::string_view text) const {
  if (spec_.literal) return false;
  const re2::StringPiece whole(text.data(), text.size());
  return regex_->Match(whole, 0, std::min(text.size(), spec_.maxLength), RE2::ANCHOR_START, nullptr, 0);
}

bool Detector::keywordsIn(std::string_view window) const noexcept {
  if (keywordsLower_.empty()) return true;
  for (const auto& k : keywordsLower_)
    if (containsNoCase(window, k)) return true;
  return false;
}

bool Detector::accepts(std::string_view text, std::size_t start, std::size_t end, const Allowlist& allow,
                       bool lenient) const {
  if (end <= start || end > text.size()) return false;
  const std::string_view value = text.substr(start, end - start);
  if (spec_.literal) return true;  // always_redact wins over every rule
  if (value.find(kPlaceholderMark) != std::string_view::npos) return false;
  if (spec_.entropy > 0 && shannonEntropy(value) < spec_.entropy) return false;
  const auto& ctx = spec_.context;
  if (ctx.requireDigit || ctx.minClasses > 0 || ctx.denyIdentifier) {
    bool lowerC = false, upperC = false, digit = false, other = false;
    for (unsigned char c : value) {
      if (std::islower(c)) lowerC = true;
      else if (std::isupper(c)) upperC = true;
      else if (std::isdigit(c)) digit = true;
      else other = true;
    }
    if (ctx.requireDigit && !digit) return false;
    if (int(lowerC) + int(upperC) + int(digit) + int(other) < ctx.minClasses) return false;
    if (ctx.denyIdentifier && isIdentifierWord(value)) return false;
  }
  for (const auto& re : denyValues_)
    if (RE2::FullMatch(value, *re)) return false;
  if (!lenient && !ctx.denyBefore.empty()) {
    std::size_t from = start > kDenyBeforeWindow ? start - kDenyBeforeWindow : 0;
    const auto nl = text.rfind('\n', start == 0 ? 0 : start - 1);
    if (nl != std::string_view::npos && nl + 1 > from && nl < start) from = nl + 1;
    const std::string_view before = text.substr(from, start - from);
    for (const auto& w : ctx.denyBefore)
      if (containsNoCase(before, w)) return false;
  }
  return !allow.allows(value);
}

std::size_t Detector::matchAt(std::string_view text, std::size_t at, std::size_t to, std::uint32_t index,
                             const Allowlist& allow, bool lenient, std::vector<Finding>& out) const {
  if (spec_.literal || spec_.group >= 8) return kNoMatch;
  std::array<re2::StringPiece, 8> g;
  const int ngroups = spec_.group + 1;
  const re2::StringPiece whole(text.data(), text.size());
  if (!regex_->Match(whole, at, to, RE2::ANCHOR_START, g.data(), ngroups)) return kNoMatch;
  const std::size_t mEnd = std::size_t(g[0].data() - text.data()) + g[0].size();
  const bool capped = g[spec_.group].size() > maxCapture_;  // complete at its maximum length
  if (!capped && mEnd == to && to < text.size()) return kNoMatch;  // may be cut short: search the window
  const auto& sec = g[spec_.group];
  if (sec.data() != nullptr && !sec.empty()) {
    const std::size_t s = std::size_t(sec.data() - text.data());
    const std::size_t len = captureLength(sec.size());
    if (accepts(text, s, s + len, allow, lenient)) out.push_back({index, s, s + len});
  }
  return std::max(mEnd, at + 1);
}

std::size_t Detector::search(std::string_view text, std::size_t from, std::size_t to, std::uint32_t index,
                             const Allowlist& allow, bool lenient, std::vector<Finding>& out) const {
  if (spec_.literal) {
    // Literal values are located exactly by Hyperscan; nothing to search.
    return kNotCut;
  }
  const int ngroups = std::max(spec_.group, 0) + 1;
  std::array<re2::StringPiece, 8> groups;
  std::vector<re2::StringPiece> bigGroups;
  re2::StringPiece* g = groups.data();
  if (ngroups > int(groups.size())) {
    bigGroups.resize(ngroups);
    g = bigGroups.data();
  }
  const re2::StringPiece whole(text.data(), text.size());
  std::size_t pos = from;
  while (pos < to) {
    // Where the match is comes from RE2's DFAs alone; capture groups are then
    // extracted on exactly that span (what RE2 itself does for large texts,
    // and most windows hold no match at all).
    if (!regex_->Match(whole, pos, to, RE2::UNANCHORED, g, 1)) break;
    const std::size_t mStart = std::size_t(g[0].data() - text.data());
    const std::size_t mEnd = mStart + g[0].size();
    if (ngroups > 1 && !regex_->Match(whole, mStart, mEnd, RE2::ANCHOR_BOTH, g, ngroups)) break;
    const auto& sec = g[spec_.group];
    const bool capped = sec.size() > maxCapture_;  // complete at its maximum length
    if (!capped && mEnd == to && to < text.size()) return mStart;  // may be cut short: searched again later
    if (sec.data() != nullptr && !sec.empty()) {
      const std::size_t s = std::size_t(sec.data() - text.data());
      const std::size_t len = captureLength(sec.size());
      if (accepts(text, s, s + len, allow, lenient)) out.push_back({index, s, s + len});
    }
    pos = mEnd > mStart ? mEnd : mStart + 1;
  }
  return kNotCut;
}

}  // namespace gateos::plugins::stages::secret_redaction

#include "version_order.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string>
#include <vector>

namespace gateos::plugins::stages::dependency_insight {
namespace {

bool isDigit(char c) noexcept { return c >= '0' && c <= '9'; }
bool isAlpha(char c) noexcept { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

int sign(std::int64_t v) noexcept { return v < 0 ? -1 : (v > 0 ? 1 : 0); }

// Numbers longer than 18 digits saturate; no real version has them.
std::int64_t toNumber(std::string_view digits) noexcept {
  std::int64_t n = 0;
  for (char c : digits) {
    if (n > 100000000000000000LL) return n;
    n = n * 10 + (c - '0');
  }
  return n;
}

int compareText(std::string_view a, std::string_view b) noexcept {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = lower(a[i]), y = lower(b[i]);
    if (x != y) return x < y ? -1 : 1;
  }
  return a.size() == b.size() ? 0 : (a.size() < b.size() ? -1 : 1);
}

bool allDigits(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), isDigit);
}

// ---- SemVer ---------------------------------------------------------------

int compareSemver(std::string_view a, std::string_view b) noexcept {
  auto strip = [](std::string_view v) {
    while (!v.empty() && (v.front() == 'v' || v.front() == 'V' || v.front() == '=' || v.front() == ' ')) v.remove_prefix(1);
    if (auto plus = v.find('+'); plus != std::string_view::npos) v = v.substr(0, plus);
    return v;
  };
  a = strip(a);
  b = strip(b);
  auto splitPre = [](std::string_view v, std::string_view& core, std::string_view& pre) {
    auto dash = v.find('-');
    core = v.substr(0, dash);
    pre = dash == std::string_view::npos ? std::string_view() : v.substr(dash + 1);
  };
  std::string_view coreA, preA, coreB, preB;
  splitPre(a, coreA, preA);
  splitPre(b, coreB, preB);
  // Core: dot-separated numbers; missing parts are 0.
  while (!coreA.empty() || !coreB.empty()) {
    auto take = [](std::string_view& core) {
      auto dot = core.find('.');
      auto part = core.substr(0, dot);
      core = dot == std::string_view::npos ? std::string_view() : core.substr(dot + 1);
      return part;
    };
    auto pa = take(coreA), pb = take(coreB);
    if (allDigits(pa) && allDigits(pb)) {
      if (int c = sign(toNumber(pa) - toNumber(pb)); c) return c;
    } else if (pa.empty() || pb.empty()) {
      const auto& other = pa.empty() ? pb : pa;
      if (allDigits(other) && toNumber(other) == 0) continue;
      return pa.empty() ? -1 : 1;
    } else if (int c = compareText(pa, pb); c) {
      return c;
    }
  }
  if (preA.empty() || preB.empty()) return preA.empty() == preB.empty() ? 0 : (preA.empty() ? 1 : -1);
  while (!preA.empty() || !preB.empty()) {
    if (preA.empty()) return -1;
    if (preB.empty()) return 1;
    auto take = [](std::string_view& pre) {
      auto dot = pre.find('.');
      auto part = pre.substr(0, dot);
      pre = dot == std::string_view::npos ? std::string_view() : pre.substr(dot + 1);
      return part;
    };
    auto pa = take(preA), pb = take(preB);
    const bool na = allDigits(pa), nb = allDigits(pb);
    if (na && nb) {
      if (int c = sign(toNumber(pa) - toNumber(pb)); c) return c;
    } else if (na != nb) {
      return na ? -1 : 1;
    } else if (int c = pa.compare(pb); c) {
      return c < 0 ? -1 : 1;
    }
  }
  return 0;
}

// ---- PEP 440 --------------------------------------------------------------

using detail::Pep440;

bool startsWithIgnoreCase(std::string_view s, std::string_view word) noexcept {
  if (s.size() < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i)
    if (lower(s[i]) != word[i]) return false;
  return true;
}

// Parses without allocating: versions are compared on the request path.
Pep440 parsePep440(std::string_view t) noexcept {
  Pep440 out;
  while (!t.empty() && (t.front() == 'v' || t.front() == 'V' || t.front() == ' ' || t.front() == '=')) t.remove_prefix(1);
  if (auto plus = t.find('+'); plus != std::string_view::npos) {
    out.local = t.substr(plus + 1);
    t = t.substr(0, plus);
  }
  std::size_t i = 0;
  auto readNumber = [&]() {
    std::size_t start = i;
    while (i < t.size() && isDigit(t[i])) ++i;
    return toNumber(t.substr(start, i - start));
  };
  auto skipSeparator = [&]() {
    if (i < t.size() && (t[i] == '.' || t[i] == '-' || t[i] == '_')) ++i;
  };
  if (auto bang = t.find('!'); bang != std::string_view::npos && allDigits(t.substr(0, bang))) {
    out.epoch = toNumber(t.substr(0, bang));
    i = bang + 1;
  }
  while (i < t.size() && isDigit(t[i])) {
    const std::int64_t n = readNumber();
    if (out.releaseCount < Pep440::kMaxRelease) out.release[out.releaseCount++] = n;
    if (i + 1 < t.size() && t[i] == '.' && isDigit(t[i + 1])) ++i;
    else break;
  }
  while (i < t.size()) {
    const std::size_t before = i;
    skipSeparator();
    struct Word {
      std::string_view text;
      int kind;  // 0..2 pre, 10 post, 20 dev
    };
    static constexpr Word kWords[] = {{"alpha", 0}, {"beta", 1}, {"preview", 2}, {"pre", 2}, {"rc", 2},
                                      {"post", 10}, {"rev", 10}, {"dev", 20},    {"a", 0},   {"b", 1},
                                      {"c", 2},     {"r", 10}};
    bool matched = false;
    for (const auto& w : kWords) {
      if (!startsWithIgnoreCase(t.substr(i), w.text)) continue;
      i += w.text.size();
      skipSeparator();
      const std::int64_t n = readNumber();
      if (w.kind < 10) {
        out.preKind = w.kind;
        out.preNumber = n;
      } else if (w.kind == 10) {
        out.hasPost = true;
        out.post = n;
      } else {
        out.hasDev = true;
        out.dev = n;
      }
      matched = true;
      break;
    }
    if (!matched && before < t.size() && t[before] == '-' && i < t.size() && isDigit(t[i])) {
      out.hasPost = true;  // "1.0-1" is an implicit post-release
      out.post = readNumber();
      matched = true;
    }
    if (!matched) break;
  }
  while (out.releaseCount > 0 && out.release[out.releaseCount - 1] == 0) --out.releaseCount;
  return out;
}

int comparePep440(const Pep440& x, const Pep440& y) noexcept {
  if (x.epoch != y.epoch) return x.epoch < y.epoch ? -1 : 1;
  const std::size_t n = std::max(x.releaseCount, y.releaseCount);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t p = i < x.releaseCount ? x.release[i] : 0;
    const std::int64_t q = i < y.releaseCount ? y.release[i] : 0;
    if (p != q) return p < q ? -1 : 1;
  }
  // A dev release of a final version (1.0.dev1) sorts before its pre-releases.
  auto preKey = [](const Pep440& v) -> std::pair<int, std::int64_t> {
    if (v.preKind == 3 && !v.hasPost && v.hasDev) return {-1, 0};
    return {v.preKind, v.preNumber};
  };
  if (auto pa = preKey(x), pb = preKey(y); pa != pb) return pa < pb ? -1 : 1;
  const std::int64_t postA = x.hasPost ? x.post : -1, postB = y.hasPost ? y.post : -1;
  if (postA != postB) return postA < postB ? -1 : 1;
  const std::int64_t devA = x.hasDev ? x.dev : INT64_MAX, devB = y.hasDev ? y.dev : INT64_MAX;
  if (devA != devB) return devA < devB ? -1 : 1;
  if (x.local != y.local) return x.local.empty() ? -1 : (y.local.empty() ? 1 : compareText(x.local, y.local));
  return 0;
}

int comparePep440(std::string_view a, std::string_view b) noexcept {
  return comparePep440(parsePep440(a), parsePep440(b));
}

// ---- Maven and RubyGems: token lists --------------------------------------

struct Token {
  bool number = false;
  std::int64_t value = 0;    // number
  int rank = 0;              // qualifier rank (known words), strings rank kUnknown
  std::string_view text;     // unknown qualifier
};

constexpr int kReleaseRank = 5;
constexpr int kUnknownRank = 7;

int mavenRank(std::string_view q) noexcept {
  std::string s;
  for (char c : q) s.push_back(lower(c));
  if (s == "alpha" || s == "a") return 0;
  if (s == "beta" || s == "b") return 1;
  if (s == "milestone" || s == "m") return 2;
  if (s == "rc" || s == "cr") return 3;
  if (s == "snapshot") return 4;
  if (s.empty() || s == "ga" || s == "final" || s == "release") return kReleaseRank;
  if (s == "sp") return 6;
  return kUnknownRank;
}

int rubyRank(std::string_view q) noexcept {
  std::string s;
  for (char c : q) s.push_back(lower(c));
  if (s == "dev") return 0;
  if (s == "alpha" || s == "a") return 1;
  if (s == "beta" || s == "b") return 2;
  if (s == "rc" || s == "pre") return 3;
  return 4;  // any other letters: still a pre-release, below every number
}

std::vector<Token> tokenize(std::string_view v, int (*rank)(std::string_view) noexcept) {
  while (!v.empty() && (v.front() == 'v' || v.front() == 'V' || v.front() == '=')) v.remove_prefix(1);
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < v.size()) {
    if (!isDigit(v[i]) && !isAlpha(v[i])) {
      ++i;
      continue;
    }
    std::size_t start = i;
    const bool digits = isDigit(v[i]);
    while (i < v.size() && (digits ? isDigit(v[i]) : isAlpha(v[i]))) ++i;
    Token t;
    t.number = digits;
    t.text = v.substr(start, i - start);
    if (digits) t.value = toNumber(t.text);
    else t.rank = rank(t.text);
    out.push_back(t);
  }
  return out;
}

int compareTokens(const Token& a, const Token& b) noexcept {
  if (a.number && b.number) return sign(a.value - b.value);
  if (a.number != b.number) return a.number ? 1 : -1;
  if (a.rank != b.rank) return a.rank < b.rank ? -1 : 1;
  return a.rank == kUnknownRank ? compareText(a.text, b.text) : 0;
}

int compareMaven(std::string_view a, std::string_view b) {
  auto x = tokenize(a, mavenRank), y = tokenize(b, mavenRank);
  // "null" items (0, release qualifiers) at the end do not count: 1.0 == 1 == 1.0-ga.
  auto trim = [](std::vector<Token>& t) {
    while (!t.empty() && ((t.back().number && t.back().value == 0) || (!t.back().number && t.back().rank == kReleaseRank)))
      t.pop_back();
  };
  trim(x);
  trim(y);
  const std::size_t n = std::max(x.size(), y.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (i >= x.size() || i >= y.size()) {
      const Token& t = i < x.size() ? x[i] : y[i];
      const int side = i < x.size() ? 1 : -1;
      // Against nothing: 0 and "release" are nothing too (1.0-SNAPSHOT vs 1), a
      // number is newer, a qualifier compares with "release".
      if ((t.number && t.value == 0) || (!t.number && t.rank == kReleaseRank)) continue;
      const int c = t.number ? 1 : (t.rank < kReleaseRank ? -1 : 1);
      return side * c;
    }
    if (int c = compareTokens(x[i], y[i]); c) return c;
  }
  return 0;
}

int compareRuby(std::string_view a, std::string_view b) {
  auto x = tokenize(a, rubyRank), y = tokenize(b, rubyRank);
  auto trim = [](std::vector<Token>& t) {
    while (!t.empty() && t.back().number && t.back().value == 0) t.pop_back();
  };
  trim(x);
  trim(y);
  const std::size_t n = std::max(x.size(), y.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (i >= x.size() || i >= y.size()) {
      const Token& t = i < x.size() ? x[i] : y[i];
      const int side = i < x.size() ? 1 : -1;
      if (t.number && t.value == 0) continue;  // 1.0.0.rc1 vs 1: the zeros are padding
      return side * (t.number ? 1 : -1);       // 1.0.a < 1.0
    }
    if (x[i].number == y[i].number && !x[i].number && x[i].rank == 4 && y[i].rank == 4) {
      if (int c = compareText(x[i].text, y[i].text); c) return c;
      continue;
    }
    if (int c = compareTokens(x[i], y[i]); c) return c;
  }
  return 0;
}

}  // namespace

VersionScheme schemeFor(Ecosystem ecosystem) noexcept {
  switch (ecosystem) {
    case Ecosystem::kPyPI: return VersionScheme::kPep440;
    case Ecosystem::kMaven: return VersionScheme::kMaven;
    case Ecosystem::kRubyGems:
    case Ecosystem::kPackagist: return VersionScheme::kRubyGems;
    case Ecosystem::kNpm:
    case Ecosystem::kCrates:
    case Ecosystem::kGo: return VersionScheme::kSemver;
  }
  return VersionScheme::kSemver;
}

int compareVersions(VersionScheme scheme, std::string_view a, std::string_view b) noexcept {
  try {
    switch (scheme) {
      case VersionScheme::kSemver: return compareSemver(a, b);
      case VersionScheme::kPep440: return comparePep440(a, b);
      case VersionScheme::kMaven: return compareMaven(a, b);
      case VersionScheme::kRubyGems: return compareRuby(a, b);
    }
  } catch (...) {
  }
  return compareText(a, b);
}

bool versionInRange(VersionScheme scheme, std::string_view version, std::string_view introduced,
                    std::string_view fixed, std::string_view lastAffected) noexcept {
  if (!introduced.empty() && introduced != "0" && compareVersions(scheme, version, introduced) < 0) return false;
  if (!fixed.empty() && compareVersions(scheme, version, fixed) >= 0) return false;
  if (!lastAffected.empty() && compareVersions(scheme, version, lastAffected) > 0) return false;
  return true;
}

VersionProbe::VersionProbe(VersionScheme scheme, std::string_view version) noexcept
    : scheme_(scheme), version_(version) {
  if (scheme == VersionScheme::kPep440) pep440_ = parsePep440(version);
}

int VersionProbe::compare(std::string_view other) const noexcept {
  if (scheme_ == VersionScheme::kPep440) {
    // Most range bounds differ from the probe in their first release number
    // (an old Django pin against dozens of advisories): decided without a
    // full parse. Same rules as parsePep440's: leading v/space/= skipped, an
    // epoch ("1!2.0") takes the full path.
    if (pep440_.epoch == 0 && pep440_.releaseCount > 0) {
      std::size_t i = 0;
      while (i < other.size() && (other[i] == 'v' || other[i] == 'V' || other[i] == ' ' || other[i] == '=')) ++i;
      std::int64_t first = 0;
      std::size_t digits = 0;
      for (; i < other.size() && isDigit(other[i]) && digits < 18; ++i, ++digits) first = first * 10 + (other[i] - '0');
      const bool epochOrLong = i < other.size() && (other[i] == '!' || isDigit(other[i]));
      if (digits > 0 && !epochOrLong && first != pep440_.release[0]) return pep440_.release[0] < first ? -1 : 1;
    }
    return comparePep440(pep440_, parsePep440(other));
  }
  return compareVersions(scheme_, version_, other);
}

bool VersionProbe::inRange(std::string_view introduced, std::string_view fixed,
                           std::string_view lastAffected) const noexcept {
  if (!introduced.empty() && introduced != "0" && compare(introduced) < 0) return false;
  if (!fixed.empty() && compare(fixed) >= 0) return false;
  if (!lastAffected.empty() && compare(lastAffected) > 0) return false;
  return true;
}

bool isConcreteVersion(std::string_view text) noexcept {
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) text.remove_prefix(1);
  if (text.empty() || !isDigit(text.front()) || text.size() > 64) return false;
  for (char c : text) {
    if (isDigit(c) || isAlpha(c) || c == '.' || c == '-' || c == '+' || c == '_' || c == '!') continue;
    return false;
  }
  // "1.x", "1.2.X", "1.*" are wildcards.
  for (std::size_t i = 1; i < text.size(); ++i)
    if (text[i - 1] == '.' && (text[i] == 'x' || text[i] == 'X') && (i + 1 == text.size() || text[i + 1] == '.'))
      return false;
  return true;
}

}  // namespace gateos::plugins::stages::dependency_insight

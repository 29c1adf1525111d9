#include "registry/semver.h"

#include <algorithm>
#include <charconv>

namespace gateos::registry {
namespace {

bool isDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A numeric field: digits, no leading zero (semver §2).
std::optional<std::uint64_t> parseNumber(std::string_view s) {
  if (!isDigits(s) || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  std::uint64_t value = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return value;
}

bool isIdentifier(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (;;) {
    auto pos = s.find(sep);
    parts.push_back(s.substr(0, pos));
    if (pos == std::string_view::npos) return parts;
    s.remove_prefix(pos + 1);
  }
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int compareIdentifiers(const std::string& a, const std::string& b) {
  const bool aNum = isDigits(a), bNum = isDigits(b);
  if (aNum && bNum) {
    if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
    return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
  }
  if (aNum != bNum) return aNum ? -1 : 1;  // numeric identifiers sort first
  return a.compare(b) < 0 ? -1 : (a == b ? 0 : 1);
}

}  // namespace

std::optional<SemVer> SemVer::parse(std::string_view text) {
  SemVer v;
  if (auto plus = text.find('+'); plus != std::string_view::npos) {
    v.build = std::string(text.substr(plus + 1));
    for (auto part : split(v.build, '.'))
      if (!isIdentifier(part)) return std::nullopt;
    text = text.substr(0, plus);
  }
  if (auto dash = text.find('-'); dash != std::string_view::npos) {
    for (auto part : split(text.substr(dash + 1), '.')) {
      if (!isIdentifier(part) || (isDigits(part) && part.size() > 1 && part[0] == '0')) return std::nullopt;
      v.prerelease.emplace_back(part);
    }
    text = text.substr(0, dash);
  }
  auto core = split(text, '.');
  if (core.size() != 3) return std::nullopt;
  auto major = parseNumber(core[0]), minor = parseNumber(core[1]), patch = parseNumber(core[2]);
  if (!major || !minor || !patch) return std::nullopt;
  v.major = *major;
  v.minor = *minor;
  v.patch = *patch;
  return v;
}

std::string SemVer::toString() const {
  std::string out = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  for (std::size_t i = 0; i < prerelease.size(); ++i) out += (i == 0 ? "-" : ".") + prerelease[i];
  if (!build.empty()) out += "+" + build;
  return out;
}

int compare(const SemVer& a, const SemVer& b) noexcept {
  if (a.major != b.major) return a.major < b.major ? -1 : 1;
  if (a.minor != b.minor) return a.minor < b.minor ? -1 : 1;
  if (a.patch != b.patch) return a.patch < b.patch ? -1 : 1;
  // A pre-release sorts before its release.
  if (a.prerelease.empty() != b.prerelease.empty()) return a.prerelease.empty() ? 1 : -1;
  const std::size_t n = std::min(a.prerelease.size(), b.prerelease.size());
  for (std::size_t i = 0; i < n; ++i)
    if (int c = compareIdentifiers(a.prerelease[i], b.prerelease[i]); c != 0) return c;
  if (a.prerelease.size() != b.prerelease.size()) return a.prerelease.size() < b.prerelease.size() ? -1 : 1;
  return 0;
}

sdk::Result<VersionRange> VersionRange::parse(std::string_view text) {
  VersionRange range;
  range.text_ = std::string(trim(text));
  if (range.text_.empty() || range.text_ == "*") return range;
  auto invalid = [&](std::string_view part, const char* why) {
    return sdk::Status(sdk::StatusCode::kInvalidArgument,
                       "version range '" + range.text_ + "': '" + std::string(part) + "': " + why);
  };
  for (auto raw : split(range.text_, ',')) {
    auto part = trim(raw);
    if (part.empty()) return invalid(part, "empty comparator");
    std::string_view opText;
    for (std::string_view candidate : {">=", "<=", ">", "<", "=", "^", "~"}) {
      if (part.substr(0, candidate.size()) == candidate) {
        opText = candidate;
        break;
      }
    }
    auto version = SemVer::parse(trim(part.substr(opText.size())));
    if (!version) return invalid(part, "not a semantic version (expected e.g. ^1.2.0)");
    const SemVer& v = *version;
    auto upper = [](std::uint64_t major, std::uint64_t minor, std::uint64_t patch) {
      SemVer u;
      u.major = major;
      u.minor = minor;
      u.patch = patch;
      return u;
    };
    if (opText.empty() || opText == "=") {
      range.comparators_.push_back({Op::kEq, v});
    } else if (opText == ">=") {
      range.comparators_.push_back({Op::kGe, v});
    } else if (opText == ">") {
      range.comparators_.push_back({Op::kGt, v});
    } else if (opText == "<=") {
      range.comparators_.push_back({Op::kLe, v});
    } else if (opText == "<") {
      range.comparators_.push_back({Op::kLt, v});
    } else if (opText == "~") {
      range.comparators_.push_back({Op::kGe, v});
      range.comparators_.push_back({Op::kLt, upper(v.major, v.minor + 1, 0)});
    } else {  // caret: the left-most non-zero field may not change
      range.comparators_.push_back({Op::kGe, v});
      if (v.major > 0)
        range.comparators_.push_back({Op::kLt, upper(v.major + 1, 0, 0)});
      else if (v.minor > 0)
        range.comparators_.push_back({Op::kLt, upper(0, v.minor + 1, 0)});
      else
        range.comparators_.push_back({Op::kLt, upper(0, 0, v.patch + 1)});
    }
  }
  return range;
}

bool VersionRange::matches(const SemVer& version) const {
  bool prereleaseAllowed = !version.isPrerelease();
  for (const auto& c : comparators_) {
    const int cmp = compare(version, c.version);
    bool ok = false;
    switch (c.op) {
      case Op::kEq: ok = cmp == 0; break;
      case Op::kGe: ok = cmp >= 0; break;
      case Op::kGt: ok = cmp > 0; break;
      case Op::kLe: ok = cmp <= 0; break;
      case Op::kLt: ok = cmp < 0; break;
    }
    if (!ok) return false;
    if (c.version.isPrerelease() && c.version.major == version.major && c.version.minor == version.minor &&
        c.version.patch == version.patch)
      prereleaseAllowed = true;
  }
  return prereleaseAllowed;
}

}  // namespace gateos::registry

#include "glob.h"

namespace gateos::plugins::policies::filetype_default_model {

using sdk::Status;
using sdk::StatusCode;

namespace {

constexpr std::size_t kMaxAlternatives = 256;

Status invalid(std::string message) { return Status(StatusCode::kInvalidArgument, std::move(message)); }

// Checks brackets and escapes of a brace-free pattern.
Status checkSyntax(std::string_view p) {
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      if (++i >= p.size()) return invalid("ends with a lone '\\'");
    } else if (p[i] == '[') {
      std::size_t j = i + 1;
      if (j < p.size() && (p[j] == '!' || p[j] == '^')) ++j;
      if (j < p.size() && p[j] == ']') ++j;  // "[]]" holds a ']'
      while (j < p.size() && p[j] != ']') {
        if (p[j] == '/') return invalid("'/' inside '[...]'");
        ++j;
      }
      if (j >= p.size()) return invalid("unclosed '['");
      i = j;
    } else if (p[i] == '}') {
      return invalid("unmatched '}'");
    }
  }
  return {};
}

// Expands the first top-level {a,b} group, recursively.
Status expandBraces(const std::string& p, std::vector<std::string>& out) {
  std::size_t open = std::string::npos;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\') {
      ++i;
    } else if (p[i] == '[') {
      while (i < p.size() && p[i] != ']') ++i;
    } else if (p[i] == '{') {
      open = i;
      break;
    }
  }
  if (open == std::string::npos) {
    if (auto s = checkSyntax(p); !s) return s;
    if (out.size() >= kMaxAlternatives) return invalid("more than 256 alternatives");
    out.push_back(p);
    return {};
  }
  int depth = 0;
  std::vector<std::string> parts;
  std::string current;
  std::size_t close = std::string::npos;
  for (std::size_t i = open + 1; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      current += c;
      current += p[++i];
      continue;
    }
    if (c == '{') ++depth;
    if (c == '}') {
      if (depth == 0) {
        close = i;
        break;
      }
      --depth;
    }
    if (c == ',' && depth == 0) {
      parts.push_back(std::move(current));
      current.clear();
      continue;
    }
    current += c;
  }
  if (close == std::string::npos) return invalid("unclosed '{'");
  parts.push_back(std::move(current));
  for (const auto& part : parts)
    if (auto s = expandBraces(p.substr(0, open) + part + p.substr(close + 1), out); !s) return s;
  return {};
}

bool classMatches(std::string_view p, std::size_t& i, char c) noexcept {
  // p[i] == '['; leaves i on the closing ']'.
  std::size_t j = i + 1;
  bool negate = false;
  if (j < p.size() && (p[j] == '!' || p[j] == '^')) {
    negate = true;
    ++j;
  }
  bool found = false;
  bool first = true;
  for (; j < p.size() && (first || p[j] != ']'); ++j, first = false) {
    char lo = p[j];
    if (lo == '\\' && j + 1 < p.size()) lo = p[++j];
    char hi = lo;
    if (j + 2 < p.size() && p[j + 1] == '-' && p[j + 2] != ']') {
      hi = p[j + 2];
      j += 2;
    }
    if (c >= lo && c <= hi) found = true;
  }
  i = j;
  return found != negate;
}

}  // namespace

PathSegments::PathSegments(std::string_view path) noexcept {
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && (path[i] == '/' || path[i] == '\\')) ++i;
    std::size_t j = i;
    while (j < path.size() && path[j] != '/' && path[j] != '\\') ++j;
    if (j > i) {
      std::string_view segment = path.substr(i, j - i);
      if (segment != ".") {
        if (size_ == kMaxSegments) {  // keep the tail: shift left by one
          for (std::size_t k = 1; k < kMaxSegments; ++k) segments_[k - 1] = segments_[k];
          --size_;
        }
        segments_[size_++] = segment;
      }
    }
    i = j;
  }
}

bool matchSegment(std::string_view p, std::string_view t) noexcept {
  // Iterative wildcard match with one backtrack point for '*'.
  std::size_t pi = 0, ti = 0;
  std::size_t starP = std::string_view::npos, starT = 0;
  while (ti < t.size()) {
    if (pi < p.size()) {
      char pc = p[pi];
      if (pc == '*') {
        starP = pi++;
        starT = ti;
        continue;
      }
      if (pc == '?') {
        ++pi;
        ++ti;
        continue;
      }
      if (pc == '[') {
        std::size_t end = pi;
        if (classMatches(p, end, t[ti])) {
          pi = end + 1;
          ++ti;
          continue;
        }
      } else {
        if (pc == '\\' && pi + 1 < p.size()) pc = p[pi + 1];
        if (pc == t[ti]) {
          pi += p[pi] == '\\' ? 2 : 1;
          ++ti;
          continue;
        }
      }
    }
    if (starP == std::string_view::npos) return false;
    pi = starP + 1;
    ti = ++starT;
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

namespace {

// The literal characters after the last wildcard of a segment pattern ("*.py"
// -> ".py", "Dockerfile" -> "Dockerfile"); empty for "**", for a trailing
// wildcard and when escapes make it ambiguous.
std::string literalSuffix(std::string_view segment) {
  if (segment == "**" || segment.find('\\') != std::string_view::npos) return {};
  std::size_t wildcard = segment.find_last_of("*?[]");
  return std::string(wildcard == std::string_view::npos ? segment : segment.substr(wildcard + 1));
}

}  // namespace

sdk::Result<Glob> Glob::compile(std::string_view pattern) {
  if (pattern.empty()) return invalid("empty glob");
  Glob glob;
  glob.pattern_ = std::string(pattern);
  std::vector<std::string> expanded;
  if (auto s = expandBraces(glob.pattern_, expanded); !s) return s;
  for (const auto& alt : expanded) {
    Alternative a;
    std::string_view rest = alt;
    if (rest.starts_with("./")) rest.remove_prefix(2);
    a.anchored = rest.find('/') != std::string_view::npos;
    std::size_t i = 0;
    while (i <= rest.size()) {
      std::size_t j = rest.find('/', i);
      if (j == std::string_view::npos) j = rest.size();
      std::string_view segment = rest.substr(i, j - i);
      if (!segment.empty()) {
        if (segment != "**" && segment.find("**") != std::string_view::npos)
          return invalid("'**' must be a whole path segment (as in \"src/**/*.py\")");
        a.segments.emplace_back(segment);
      }
      i = j + 1;
    }
    if (a.segments.empty()) return invalid("matches nothing (no path segment)");
    a.fileNameSuffix = literalSuffix(a.segments.back());
    glob.alternatives_.push_back(std::move(a));
  }
  return glob;
}

bool Glob::matchFrom(const Alternative& alt, std::size_t pi, const PathSegments& path, std::size_t si) const noexcept {
  for (;;) {
    if (pi == alt.segments.size()) return si == path.size();
    const std::string& seg = alt.segments[pi];
    if (seg == "**") {
      for (std::size_t k = si; k <= path.size(); ++k)
        if (matchFrom(alt, pi + 1, path, k)) return true;
      return false;
    }
    if (si == path.size() || !matchSegment(seg, path[si])) return false;
    ++pi;
    ++si;
  }
}

std::vector<std::string> Glob::fileNameSuffixes() const {
  std::vector<std::string> out;
  for (const auto& alt : alternatives_) out.push_back(alt.fileNameSuffix);
  return out;
}

bool Glob::matches(const PathSegments& path) const noexcept {
  if (path.size() == 0) return false;
  const std::string_view fileName = path.fileName();
  for (const auto& alt : alternatives_) {
    if (!fileName.ends_with(alt.fileNameSuffix)) continue;
    if (!alt.anchored) {
      if (alt.segments.size() == 1 && alt.segments[0] == "**") return true;
      if (matchSegment(alt.segments[0], path.fileName())) return true;
      continue;
    }
    for (std::size_t start = 0; start < path.size(); ++start)
      if (matchFrom(alt, 0, path, start)) return true;
  }
  return false;
}

}  // namespace gateos::plugins::policies::filetype_default_model

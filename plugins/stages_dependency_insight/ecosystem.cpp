#include "ecosystem.h"

#include <array>
#include <cctype>

namespace gateos::plugins::stages::dependency_insight {
namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

char lower(char c) noexcept { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

std::string_view ecosystemName(Ecosystem ecosystem) noexcept {
  switch (ecosystem) {
    case Ecosystem::kNpm: return "npm";
    case Ecosystem::kPyPI: return "PyPI";
    case Ecosystem::kCrates: return "crates.io";
    case Ecosystem::kGo: return "Go";
    case Ecosystem::kMaven: return "Maven";
    case Ecosystem::kRubyGems: return "RubyGems";
    case Ecosystem::kPackagist: return "Packagist";
  }
  return "npm";
}

std::optional<Ecosystem> parseEcosystem(std::string_view name) noexcept {
  struct Alias {
    std::string_view name;
    Ecosystem ecosystem;
  };
  static constexpr std::array<Alias, 14> kAliases = {{{"npm", Ecosystem::kNpm},
                                                      {"pypi", Ecosystem::kPyPI},
                                                      {"python", Ecosystem::kPyPI},
                                                      {"crates.io", Ecosystem::kCrates},
                                                      {"crates", Ecosystem::kCrates},
                                                      {"cargo", Ecosystem::kCrates},
                                                      {"go", Ecosystem::kGo},
                                                      {"golang", Ecosystem::kGo},
                                                      {"maven", Ecosystem::kMaven},
                                                      {"rubygems", Ecosystem::kRubyGems},
                                                      {"gem", Ecosystem::kRubyGems},
                                                      {"packagist", Ecosystem::kPackagist},
                                                      {"composer", Ecosystem::kPackagist},
                                                      {"node", Ecosystem::kNpm}}};
  // OSV dumps may qualify an ecosystem ("Debian:12"); the plugin knows none of those.
  for (const auto& alias : kAliases)
    if (equalsIgnoreCase(alias.name, name)) return alias.ecosystem;
  return std::nullopt;
}

std::string normalizeName(Ecosystem ecosystem, std::string_view name) {
  std::string out;
  appendNormalizedName(out, ecosystem, name);
  return out;
}

void appendNormalizedName(std::string& out, Ecosystem ecosystem, std::string_view name) {
  const std::size_t start = out.size();
  out.reserve(start + name.size());
  switch (ecosystem) {
    case Ecosystem::kPyPI:
      // PEP 503: lower case, runs of - _ . become one -.
      for (char c : name) {
        if (c == '-' || c == '_' || c == '.') {
          if (out.size() == start || out.back() != '-') out.push_back('-');
        } else {
          out.push_back(lower(c));
        }
      }
      return;
    case Ecosystem::kCrates:
      for (char c : name) out.push_back(c == '-' ? '_' : lower(c));
      return;
    case Ecosystem::kNpm:
    case Ecosystem::kPackagist:
    case Ecosystem::kRubyGems:
    case Ecosystem::kMaven:
      for (char c : name) out.push_back(lower(c));
      return;
    case Ecosystem::kGo:
      out.append(name);  // module paths are case-sensitive
      return;
  }
  out.append(name);
}

}  // namespace gateos::plugins::stages::dependency_insight

#include "extract/manifest_lines.h"

#include "extract/text_util.h"
#include "version_order.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

using Block = ManifestState::Block;
using text::startsWith;
using text::trim;

void add(Mentions& out, Ecosystem ecosystem, std::string_view name, std::string_view version) {
  if (name.empty()) return;
  std::string v;
  version = trim(version);
  // Exact-version operators of the formats: "=1.2.3", "==1.2", "v1.2.3".
  while (!version.empty() && (version.front() == '=' || version.front() == ' ')) version.remove_prefix(1);
  if (isConcreteVersion(version)) v = std::string(version);
  out.push_back({ecosystem, std::string(name), std::move(v), MentionSource::kManifest});
}

bool isPythonNameChar(char c) { return text::isAlnum(c) || c == '-' || c == '_' || c == '.'; }

// Every "key": "value" pair in `s` (one JSON line or a one-line object).
template <typename Fn>
void jsonPairs(std::string_view s, Fn&& fn) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto k1 = s.find('"', i);
    if (k1 == std::string_view::npos) return;
    const auto k2 = s.find('"', k1 + 1);
    if (k2 == std::string_view::npos) return;
    std::size_t j = k2 + 1;
    while (j < s.size() && text::isSpace(s[j])) ++j;
    if (j >= s.size() || s[j] != ':') {
      i = k2 + 1;
      continue;
    }
    ++j;
    while (j < s.size() && text::isSpace(s[j])) ++j;
    const std::string_view key = s.substr(k1 + 1, k2 - k1 - 1);
    if (j < s.size() && s[j] == '"') {
      const auto v2 = s.find('"', j + 1);
      if (v2 == std::string_view::npos) return;
      fn(key, s.substr(j + 1, v2 - j - 1), false);
      i = v2 + 1;
    } else {
      fn(key, std::string_view(), j < s.size() && s[j] == '{');
      i = j;
    }
  }
}

int braceBalance(std::string_view s) {
  int balance = 0;
  bool inString = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"' && (i == 0 || s[i - 1] != '\\')) inString = !inString;
    else if (!inString && c == '{') ++balance;
    else if (!inString && c == '}') --balance;
  }
  return balance;
}

bool isJsonDepsKey(std::string_view key) {
  return key == "dependencies" || key == "devDependencies" || key == "peerDependencies" ||
         key == "optionalDependencies" || key == "bundleDependencies";
}

// Lines inside a JSON object of dependencies; depth 1 is the object itself.
void jsonDepsLine(std::string_view line, ManifestState& state, Mentions& out) {
  const Ecosystem ecosystem = state.block == Block::kComposerDeps ? Ecosystem::kPackagist : Ecosystem::kNpm;
  const int depth = state.jsonDepth;
  jsonPairs(line, [&](std::string_view key, std::string_view value, bool object) {
    if (depth == 1 && object) state.pendingName = std::string(key);  // package-lock v1 entry
    else if (depth == 1 && !value.empty()) {
      if (ecosystem == Ecosystem::kPackagist && (key == "php" || startsWith(key, "ext-") || key.find('/') == std::string_view::npos))
        return;
      add(out, ecosystem, key, value);
    } else if (depth == 2 && key == "version" && !state.pendingName.empty()) {
      add(out, ecosystem, state.pendingName, value);
      state.pendingName.clear();
    }
  });
  state.jsonDepth += braceBalance(line);
  if (state.jsonDepth <= 0) {
    state.block = Block::kNone;
    state.jsonDepth = 0;
  }
}

bool jsonLine(std::string_view line, ManifestState& state, Mentions& out) {
  if (line.front() != '"' && line.front() != '{') return false;
  bool handled = false;
  // package-lock v2/v3: "node_modules/a/node_modules/@s/b": {
  if (auto at = line.find("node_modules/"); at != std::string_view::npos && line.front() == '"') {
    const auto end = line.find('"', at);
    const auto last = line.rfind("node_modules/", end);
    state.pendingName = std::string(line.substr(last + 13, end - last - 13));
    return true;
  }
  jsonPairs(line, [&](std::string_view key, std::string_view value, bool object) {
    if (key == "version" && !state.pendingName.empty() && !value.empty()) {
      add(out, Ecosystem::kNpm, state.pendingName, value);
      state.pendingName.clear();
      handled = true;
    } else if (object && (isJsonDepsKey(key) || key == "require" || key == "require-dev")) {
      state.block = (key == "require" || key == "require-dev") ? Block::kComposerDeps : Block::kJsonDeps;
      handled = true;
    }
  });
  if (handled && (state.block == Block::kJsonDeps || state.block == Block::kComposerDeps) && state.jsonDepth == 0) {
    // The rest of the line after the opening brace may already hold entries.
    const auto brace = line.find('{');
    state.jsonDepth = 1;
    const std::string_view rest = line.substr(brace + 1);
    jsonDepsLine(rest, state, out);
  }
  return handled;
}

// [section] headers of Cargo.toml and pyproject.toml.
bool tomlHeader(std::string_view line, ManifestState& state) {
  if (line.front() != '[' || startsWith(line, "[[")) return false;
  const auto close = line.find(']');
  if (close == std::string_view::npos) return false;
  const std::string_view name = line.substr(1, close - 1);
  state.pendingName.clear();
  auto endsWith = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix;
  };
  if (startsWith(name, "tool.poetry") && endsWith("dependencies")) state.block = Block::kTomlPoetry;
  else if (name == "project") state.block = Block::kTomlProject;
  else if (name == "project.optional-dependencies" || name == "dependency-groups") state.block = Block::kTomlProject;
  else if (endsWith("dependencies")) state.block = Block::kTomlCargo;
  else if (startsWith(name, "dependencies.") || startsWith(name, "dev-dependencies.") ||
           startsWith(name, "workspace.dependencies.")) {
    state.block = Block::kNone;
    state.pendingName = std::string(name.substr(name.rfind('.') + 1));
    state.arrayOwner = Block::kTomlCargo;
  } else state.block = Block::kNone;
  return true;
}

void tomlArrayItems(std::string_view line, ManifestState& state, Mentions& out) {
  std::size_t i = 0;
  while (true) {
    const auto q = line.find_first_of("\"'", i);
    if (q == std::string_view::npos) break;
    const auto end = line.find(line[q], q + 1);
    if (end == std::string_view::npos) break;
    pythonRequirement(line.substr(q + 1, end - q - 1), MentionSource::kManifest, out);
    i = end + 1;
  }
  if (line.find(']') != std::string_view::npos) state.block = state.arrayOwner;
}

bool tomlLine(std::string_view line, ManifestState& state, Mentions& out) {
  if (state.block == Block::kTomlArray) {
    tomlArrayItems(line, state, out);
    return true;
  }
  const auto eq = line.find('=');
  if (eq == std::string_view::npos || line.front() == '#') return false;
  const std::string_view key = trim(line.substr(0, eq));
  std::string_view value = trim(line.substr(eq + 1));
  if (!state.pendingName.empty() && key == "version" && state.block == Block::kNone) {
    add(out, Ecosystem::kCrates, state.pendingName, text::firstQuoted(value));
    state.pendingName.clear();
    return true;
  }
  if (state.block == Block::kTomlProject) {
    if (value.empty() || value.front() != '[') return false;
    state.arrayOwner = Block::kTomlProject;
    state.block = Block::kTomlArray;
    tomlArrayItems(value.substr(1), state, out);
    return true;
  }
  if (state.block != Block::kTomlCargo && state.block != Block::kTomlPoetry) return false;
  std::string_view name = key;
  if (name.size() >= 2 && (name.front() == '"' || name.front() == '\'')) name = name.substr(1, name.size() - 2);
  if (name.empty() || name == "python") return true;
  std::string_view version;
  if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
    version = text::firstQuoted(value);
  } else if (!value.empty() && value.front() == '{') {
    if (auto v = value.find("version"); v != std::string_view::npos) version = text::firstQuoted(value, v);
    // A renamed dependency: serde2 = { package = "serde", … }.
    if (auto p = value.find("package"); p != std::string_view::npos) name = text::firstQuoted(value, p);
  }
  add(out, state.block == Block::kTomlCargo ? Ecosystem::kCrates : Ecosystem::kPyPI, name, version);
  return true;
}

bool goModLine(std::string_view line, ManifestState& state, Mentions& out) {
  if (state.block == Block::kGoRequire) {
    if (line.front() == ')') {
      state.block = Block::kNone;
      return true;
    }
  } else if (startsWith(line, "require ")) {
    line = trim(line.substr(8));
    if (line == "(") {
      state.block = Block::kGoRequire;
      return true;
    }
  } else {
    return false;
  }
  const auto space = line.find(' ');
  if (space == std::string_view::npos) return false;
  const std::string_view module = line.substr(0, space);
  const std::string_view version = trim(line.substr(space + 1)).substr(0, trim(line.substr(space + 1)).find(' '));
  if (module.find('.') == std::string_view::npos || version.empty() || version.front() != 'v') return false;
  add(out, Ecosystem::kGo, module, version);
  return true;
}

std::string_view xmlValue(std::string_view line, std::string_view tag) {
  const std::string open = "<" + std::string(tag) + ">";
  const auto start = line.find(open);
  if (start == std::string_view::npos) return {};
  const auto end = line.find('<', start + open.size());
  return trim(line.substr(start + open.size(), end == std::string_view::npos ? end : end - start - open.size()));
}

bool pomLine(std::string_view line, ManifestState& state, Mentions& out) {
  if (state.block != Block::kPomDependency) {
    if (line.find("<dependency>") == std::string_view::npos) return false;
    state.block = Block::kPomDependency;
    state.pomGroup.clear();
    state.pomArtifact.clear();
    state.pomVersion.clear();
  }
  if (auto v = xmlValue(line, "groupId"); !v.empty()) state.pomGroup = std::string(v);
  if (auto v = xmlValue(line, "artifactId"); !v.empty()) state.pomArtifact = std::string(v);
  if (auto v = xmlValue(line, "version"); !v.empty()) state.pomVersion = std::string(v);
  if (line.find("</dependency>") != std::string_view::npos) {
    state.block = Block::kNone;
    if (!state.pomGroup.empty() && !state.pomArtifact.empty() && state.pomVersion.find("${") == std::string::npos)
      add(out, Ecosystem::kMaven, state.pomGroup + ":" + state.pomArtifact, state.pomVersion);
  }
  return true;
}

// implementation 'g:a:v' / implementation("g:a:v") and friends.
bool gradleLine(std::string_view line, Mentions& out) {
  static constexpr std::string_view kConfigurations[] = {"implementation", "api", "compileOnly", "runtimeOnly",
                                                         "testImplementation", "compile", "kapt", "annotationProcessor"};
  for (auto c : kConfigurations) {
    if (!startsWith(line, c) || line.size() <= c.size() || (line[c.size()] != ' ' && line[c.size()] != '(')) continue;
    const auto coordinates = text::firstQuoted(line, c.size());
    const auto first = coordinates.find(':');
    if (first == std::string_view::npos) return false;
    const auto second = coordinates.find(':', first + 1);
    add(out, Ecosystem::kMaven, coordinates.substr(0, second),
        second == std::string_view::npos ? std::string_view() : coordinates.substr(second + 1));
    return true;
  }
  return false;
}

bool gemfileLine(std::string_view line, Mentions& out) {
  if (!text::startsWithWord(line, "gem")) return false;
  const auto name = text::firstQuoted(line, 3);
  if (name.empty()) return false;
  const auto nameEnd = line.find(name) + name.size() + 1;
  std::string_view version = text::firstQuoted(line, nameEnd);
  // Only "= 1.2.3" or a bare "1.2.3" pin one version; "~> 1.2" and ">= 1" are ranges.
  add(out, Ecosystem::kRubyGems, name, version);
  return true;
}

// requirements.txt line: the whole line is one requirement.
bool requirementsLine(std::string_view line, bool requirementsContext, Mentions& out) {
  if (line.front() == '-' || line.front() == '#' || !isPythonNameChar(line.front())) return false;
  if (!requirementsContext) {
    // Outside a requirements file only exact pins count, to keep prose out.
    const auto pin = line.find("==");
    if (pin == std::string_view::npos || pin == 0) return false;
    for (std::size_t i = 0; i < pin; ++i)
      if (!isPythonNameChar(line[i]) && line[i] != '[' && line[i] != ']' && line[i] != ',' && line[i] != ' ')
        return false;
    const auto version = trim(line.substr(pin + 2));
    for (char c : version)
      if (!text::isAlnum(c) && c != '.' && c != '-' && c != '+' && c != '!' && c != '*' && c != '_') return false;
  }
  return pythonRequirement(line, MentionSource::kManifest, out);
}

}  // namespace

bool pythonRequirement(std::string_view spec, MentionSource source, Mentions& out) {
  spec = trim(spec.substr(0, spec.find(';')));    // environment markers
  spec = trim(spec.substr(0, spec.find(" #")));   // comments
  std::size_t i = 0;
  while (i < spec.size() && isPythonNameChar(spec[i])) ++i;
  const std::string_view name = spec.substr(0, i);
  if (name.empty() || !text::isAlnum(name.front())) return false;
  std::string_view rest = trim(spec.substr(i));
  if (!rest.empty() && rest.front() == '[') {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return false;
    rest = trim(rest.substr(close + 1));
  }
  std::string version;
  if (startsWith(rest, "===") || (startsWith(rest, "==") && rest.find(',') == std::string_view::npos)) {
    rest = trim(rest.substr(rest[2] == '=' ? 3 : 2));
    if (isConcreteVersion(rest) && rest.find('*') == std::string_view::npos) version = std::string(rest);
  } else if (!rest.empty() && rest.front() != '<' && rest.front() != '>' && rest.front() != '~' && rest.front() != '!' &&
             rest.front() != '=' && rest.front() != '@' && rest.front() != ',') {
    return false;  // not a requirement
  }
  out.push_back({Ecosystem::kPyPI, std::string(name), std::move(version), source});
  return true;
}

bool extractManifest(std::string_view line, Language hint, ManifestState& state, Mentions& out) {
  if (line.empty()) return false;
  switch (state.block) {
    case Block::kJsonDeps:
    case Block::kComposerDeps:
      jsonDepsLine(line, state, out);
      return true;
    case Block::kGoRequire:
      return goModLine(line, state, out);
    case Block::kPomDependency:
      return pomLine(line, state, out);
    case Block::kTomlArray:
      return tomlLine(line, state, out);
    default:
      break;
  }
  if (line.front() == '[' && (hint == Language::kToml || hint == Language::kUnknown) && tomlHeader(line, state))
    return true;
  if ((state.block != Block::kNone || !state.pendingName.empty()) &&
      (hint == Language::kToml || hint == Language::kUnknown) && tomlLine(line, state, out))
    return true;
  if ((line.front() == '"' || line.front() == '{') && jsonLine(line, state, out)) return true;
  if (line.front() == 'r' && goModLine(line, state, out)) return true;
  if (line.front() == '<' && pomLine(line, state, out)) return true;
  if (line.front() == 'g' && gemfileLine(line, out)) return true;
  if ((hint == Language::kJava || hint == Language::kUnknown) && gradleLine(line, out)) return true;
  if (hint == Language::kRequirements || hint == Language::kUnknown)
    return requirementsLine(line, hint == Language::kRequirements, out);
  return false;
}

}  // namespace gateos::plugins::stages::dependency_insight

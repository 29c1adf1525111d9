#include "extract/import_lines.h"

#include "extract/import_names.h"
#include "extract/text_util.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

using text::afterWord;
using text::startsWith;
using text::startsWithWord;
using text::trim;

void add(Mentions& out, Ecosystem ecosystem, std::string name) {
  if (name.empty()) return;
  out.push_back({ecosystem, std::move(name), {}, MentionSource::kImport});
}

bool isIdentifierPath(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!text::isAlnum(c) && c != '_' && c != '.') return false;
  return true;
}

// `import a.b as c, d` (the part after "import").
void pythonImportList(std::string_view list, Mentions& out) {
  while (!list.empty()) {
    const auto comma = list.find(',');
    std::string_view item = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    item = item.substr(0, item.find(' '));
    if (item.empty() || item.front() == '.' || !isIdentifierPath(item)) continue;
    add(out, Ecosystem::kPyPI, pythonPackage(item));
  }
}

bool javaLike(std::string_view path) {
  static constexpr std::string_view kRoots[] = {"java.", "javax.", "kotlin.", "kotlinx.", "android.", "androidx.",
                                                "com.",  "org.",   "io.",     "net.",     "okhttp3."};
  for (auto root : kRoots)
    if (startsWith(path, root)) return true;
  return false;
}

void javaImport(std::string_view rest, Mentions& out) {
  if (startsWithWord(rest, "static")) rest = afterWord(rest, "static");
  rest = rest.substr(0, rest.find_first_of("; "));
  add(out, Ecosystem::kMaven, mavenArtifact(rest));
}

void jsSpecifier(std::string_view spec, Mentions& out) { add(out, Ecosystem::kNpm, npmPackage(spec)); }

void goPath(std::string_view path, Mentions& out) { add(out, Ecosystem::kGo, goModule(path)); }

// `import "x"`: Go when the hint says so or the path starts with a host name.
bool looksLikeGoPath(std::string_view path) {
  const auto first = path.substr(0, path.find('/'));
  return first.find('.') != std::string_view::npos && path.find('/') != std::string_view::npos && path.front() != '@';
}

// Every require('x') / import('x') in the line: one pass over its parentheses.
void callForms(std::string_view line, Mentions& out) {
  for (std::size_t paren = line.find('('); paren != std::string_view::npos; paren = line.find('(', paren + 1)) {
    std::size_t at;
    if (paren >= 7 && line.substr(paren - 7, 7) == "require") at = paren - 7;
    else if (paren >= 6 && line.substr(paren - 6, 6) == "import") at = paren - 6;
    else continue;
    if (at > 0 && (text::isAlnum(line[at - 1]) || line[at - 1] == '_' || line[at - 1] == '.')) continue;
    std::string_view rest = trim(line.substr(paren + 1));
    if (rest.empty() || (rest.front() != '\'' && rest.front() != '"' && rest.front() != '`')) continue;
    jsSpecifier(text::firstQuoted(rest), out);
  }
}

bool jsFrom(std::string_view line, Mentions& out) {
  const auto from = line.rfind(" from ");
  const auto fromNoSpace = line.rfind("}from");
  auto at = from != std::string_view::npos ? from + 6 : (fromNoSpace != std::string_view::npos ? fromNoSpace + 5 : from);
  if (at == std::string_view::npos) return false;
  const auto spec = text::firstQuoted(line, at);
  if (spec.empty()) return false;
  jsSpecifier(spec, out);
  return true;
}

}  // namespace

bool extractImports(std::string_view line, Language hint, ImportState& state, Mentions& out) {
  if (line.empty()) return false;
  if (state.inGoImportBlock) {
    if (line.front() == ')') {
      state.inGoImportBlock = false;
      return true;
    }
    const auto path = text::firstQuoted(line);
    if (!path.empty()) goPath(path, out);
    return true;
  }
  // Calls can sit anywhere in JS/TS: const x = require('y').
  if (hint == Language::kUnknown || hint == Language::kJavaScript) callForms(line, out);
  switch (line.front()) {
    case 'i': {
      if (!startsWithWord(line, "import")) {
        if (startsWith(line, "import(") || startsWith(line, "import{")) return jsFrom(line, out);
        return false;
      }
      const std::string_view rest = afterWord(line, "import");
      if (rest.empty()) return false;
      if (hint == Language::kGo && rest.front() == '(') {
        state.inGoImportBlock = true;
        return true;
      }
      if (rest.front() == '"' || rest.front() == '\'' || rest.front() == '`') {
        const auto spec = text::firstQuoted(rest);
        if (hint == Language::kGo || (hint != Language::kJavaScript && looksLikeGoPath(spec))) goPath(spec, out);
        else jsSpecifier(spec, out);
        return true;
      }
      if (hint == Language::kGo) {  // import alias "path"
        const auto spec = text::firstQuoted(rest);
        if (!spec.empty()) goPath(spec, out);
        return true;
      }
      if (rest.front() == '(' && hint == Language::kUnknown) {
        state.inGoImportBlock = true;  // only Go writes `import (`
        return true;
      }
      if (jsFrom(rest, out)) return true;
      if (hint == Language::kJavaScript) return rest.front() == '{' || rest.front() == '*';
      const std::string_view first = rest.substr(0, rest.find_first_of(" ,;"));
      const bool java = hint == Language::kJava || (hint != Language::kPython && (line.back() == ';' || javaLike(first)));
      if (java) javaImport(rest, out);
      else pythonImportList(rest, out);
      return true;
    }
    case 'f': {
      if (!startsWithWord(line, "from")) return false;
      std::string_view rest = afterWord(line, "from");
      const auto module = rest.substr(0, rest.find(' '));
      if (rest.find(" import") == std::string_view::npos || module.empty() || module.front() == '.' ||
          !isIdentifierPath(module))
        return false;
      add(out, Ecosystem::kPyPI, pythonPackage(module));
      return true;
    }
    case 'e': {
      if (startsWithWord(line, "export")) return jsFrom(line, out);
      if (startsWithWord(line, "extern")) {
        std::string_view rest = afterWord(line, "extern");
        if (!startsWithWord(rest, "crate")) return false;
        rest = afterWord(rest, "crate");
        add(out, Ecosystem::kCrates, rustCrate(rest.substr(0, rest.find_first_of(" ;"))));
        return true;
      }
      return false;
    }
    case '}':
      return jsFrom(line, out);  // closing line of a multi-line import { … } from 'x'
    case 'p':
      if (!startsWith(line, "pub use ") && !startsWith(line, "pub(crate) use ")) return false;
      line = line.substr(line.find("use "));
      [[fallthrough]];
    case 'u': {
      if (!startsWithWord(line, "use")) return false;
      std::string_view rest = afterWord(line, "use");
      if (rest.find('\\') != std::string_view::npos || hint == Language::kPhp) {
        if (startsWithWord(rest, "function") || startsWithWord(rest, "const")) rest = trim(rest.substr(rest.find(' ')));
        add(out, Ecosystem::kPackagist, composerPackage(rest.substr(0, rest.find_first_of(" ;,{"))));
        return true;
      }
      const auto sep = rest.find("::");
      const auto root = rest.substr(0, std::min(sep, rest.find_first_of(" ;{")));
      if (sep == std::string_view::npos && rest.find(';') == std::string_view::npos) return false;
      add(out, Ecosystem::kCrates, rustCrate(root));
      return true;
    }
    case 'r': {
      if (!startsWithWord(line, "require") && !startsWith(line, "require'") && !startsWith(line, "require\""))
        return false;
      if (hint != Language::kUnknown && hint != Language::kRuby) return false;
      const auto path = text::firstQuoted(line, 7);
      if (path.empty()) return false;  // go.mod's "require module v1.2.3" is a manifest line
      add(out, Ecosystem::kRubyGems, rubyGem(path));
      return true;
    }
    default:
      return false;
  }
}

}  // namespace gateos::plugins::stages::dependency_insight

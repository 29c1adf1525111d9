#include "extract/install_commands.h"

#include <array>
#include <cstdint>

#include "extract/import_names.h"
#include "extract/manifest_lines.h"
#include "extract/text_util.h"
#include "version_order.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

using text::startsWith;

enum class Tool { kNone, kPip, kPoetry, kNpm, kNpx, kCargo, kGo, kGem, kComposer };

struct Word {
  std::string_view text;
  bool endsCommand = false;  // closing backtick or sentence punctuation after it
};

constexpr std::size_t kMaxWords = 48;

// Splits `line` from `start` into words, stripping quotes and markdown/shell
// punctuation around them.
std::size_t splitWords(std::string_view line, std::array<Word, kMaxWords>& words) {
  std::size_t n = 0, i = 0;
  while (i < line.size() && n < kMaxWords) {
    while (i < line.size() && text::isSpace(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && !text::isSpace(line[i])) ++i;
    std::string_view w = line.substr(start, i - start);
    bool ends = false;
    while (!w.empty() && (w.front() == '`' || w.front() == '$' || w.front() == '(' || w.front() == '"' ||
                          w.front() == '\'' || w.front() == '>'))
      w.remove_prefix(1);
    while (!w.empty() && (w.back() == '`' || w.back() == ')' || w.back() == '"' || w.back() == '\'' ||
                          w.back() == ',' || w.back() == '.' || w.back() == ';' || w.back() == ':' ||
                          w.back() == '!' || w.back() == '?' || w.back() == '*')) {
      ends = ends || w.back() != '"' && w.back() != '\'';
      w.remove_suffix(1);
    }
    if (!w.empty() || ends) words[n++] = {w, ends};
  }
  return n;
}

bool isSeparator(std::string_view w) {
  return w == "&&" || w == "||" || w == "|" || w == ";" || w == "&" || w == "#" || w == ">" || w == "2>&1" ||
         w == "\\" || (!w.empty() && w.front() == '#');
}

// Options whose value is the next word (never a package).
bool takesValue(Tool tool, std::string_view option) {
  static constexpr std::string_view kPip[] = {"-r", "--requirement", "-c", "--constraint", "-e", "--editable",
                                              "-i", "--index-url", "--extra-index-url", "-t", "--target",
                                              "--prefix", "--root", "-f", "--find-links", "--trusted-host",
                                              "--python", "--group", "-G", "--source", "--platform"};
  static constexpr std::string_view kNpm[] = {"--registry", "--prefix", "-w", "--workspace", "--tag", "-p",
                                              "--package", "--cache"};
  static constexpr std::string_view kCargo[] = {"--git", "--path", "--branch", "--tag", "--rev", "--features", "-F",
                                                "--registry", "--rename", "--target", "--root", "--index", "-p",
                                                "--package"};
  static constexpr std::string_view kGem[] = {"-s", "--source", "-i", "--install-dir", "-n", "--bindir", "-P"};
  auto in = [&](const auto& list) {
    for (auto o : list)
      if (o == option) return true;
    return false;
  };
  switch (tool) {
    case Tool::kPip:
    case Tool::kPoetry: return in(kPip);
    case Tool::kNpm:
    case Tool::kNpx: return in(kNpm);
    case Tool::kCargo: return in(kCargo);
    case Tool::kGem: return in(kGem);
    default: return false;
  }
}

// Which tool starts at words[i], and where its package arguments begin.
Tool identify(const std::array<Word, kMaxWords>& words, std::size_t n, std::size_t i, std::size_t& argsStart) {
  auto at = [&](std::size_t k) { return k < n ? words[k].text : std::string_view(); };
  std::string_view w = at(i);
  // Paths such as /usr/bin/pip or .venv/bin/pip.
  if (auto slash = w.rfind('/'); slash != std::string_view::npos && slash + 1 < w.size()) w = w.substr(slash + 1);
  auto verb = [&](std::initializer_list<std::string_view> verbs, Tool tool) {
    for (auto v : verbs)
      if (at(i + 1) == v) {
        argsStart = i + 2;
        return tool;
      }
    return Tool::kNone;
  };
  if (w == "pip" || w == "pip3" || w == "pipx" || w == "pipenv") return verb({"install"}, Tool::kPip);
  if ((w == "python" || w == "python3" || w == "py") && at(i + 1) == "-m" && (at(i + 2) == "pip" || at(i + 2) == "pip3") &&
      at(i + 3) == "install") {
    argsStart = i + 4;
    return Tool::kPip;
  }
  if (w == "uv") {
    if (at(i + 1) == "pip" && at(i + 2) == "install") {
      argsStart = i + 3;
      return Tool::kPip;
    }
    return verb({"add"}, Tool::kPip);
  }
  if (w == "poetry" || w == "pdm" || w == "hatch") return verb({"add"}, Tool::kPoetry);
  if (w == "npm" || w == "pnpm" || w == "bun" || w == "cnpm")
    return verb({"install", "i", "add", "in", "isntall"}, Tool::kNpm);
  if (w == "yarn") {
    if (at(i + 1) == "global" && at(i + 2) == "add") {
      argsStart = i + 3;
      return Tool::kNpm;
    }
    return verb({"add"}, Tool::kNpm);
  }
  if (w == "npx" || w == "bunx" || w == "pnpx") {
    argsStart = i + 1;
    return Tool::kNpx;
  }
  if (w == "cargo") return verb({"add", "install"}, Tool::kCargo);
  if (w == "go") return verb({"get", "install"}, Tool::kGo);
  if (w == "gem") return verb({"install"}, Tool::kGem);
  if (w == "composer") {
    if (at(i + 1) == "global" && at(i + 2) == "require") {
      argsStart = i + 3;
      return Tool::kComposer;
    }
    return verb({"require"}, Tool::kComposer);
  }
  return Tool::kNone;
}

void add(Mentions& out, Ecosystem ecosystem, std::string_view name, std::string_view version) {
  if (name.empty()) return;
  std::string v;
  if (!version.empty() && version.front() == '=') version.remove_prefix(1);
  if (isConcreteVersion(version)) v = std::string(version);
  out.push_back({ecosystem, std::string(name), std::move(v), MentionSource::kInstall});
}

bool plainName(std::string_view s) {
  if (s.empty() || !text::isAlnum(s.front()) && s.front() != '@') return false;
  for (char c : s)
    if (!text::isNameChar(c)) return false;
  return s.find("://") == std::string_view::npos;
}

// One package argument of `tool`. `nextVersion` is a version given by option.
void argument(Tool tool, std::string_view arg, std::string_view optionVersion, Mentions& out) {
  switch (tool) {
    case Tool::kPip:
      if (arg.find('/') != std::string_view::npos || arg.find(".whl") != std::string_view::npos ||
          startsWith(arg, "git+") || arg == ".")
        return;
      pythonRequirement(arg, MentionSource::kInstall, out);
      return;
    case Tool::kPoetry: {
      // poetry add name@1.2 | name==1.2 | name@^1.2
      if (auto at = arg.find('@'); at != std::string_view::npos && at > 0) {
        add(out, Ecosystem::kPyPI, arg.substr(0, at), arg.substr(at + 1));
        return;
      }
      pythonRequirement(arg, MentionSource::kInstall, out);
      return;
    }
    case Tool::kNpm:
    case Tool::kNpx: {
      if (!plainName(arg) || arg.find(':') != std::string_view::npos) return;  // npm:, file:, git: specs
      const auto at = arg.find('@', 1);
      const std::string name = npmPackage(arg.substr(0, at));
      add(out, Ecosystem::kNpm, name, at == std::string_view::npos ? std::string_view() : arg.substr(at + 1));
      return;
    }
    case Tool::kCargo: {
      if (!plainName(arg)) return;
      const auto at = arg.find('@');
      add(out, Ecosystem::kCrates, arg.substr(0, at), at == std::string_view::npos ? optionVersion : arg.substr(at + 1));
      return;
    }
    case Tool::kGo: {
      const auto at = arg.find('@');
      const std::string_view path = arg.substr(0, at);
      if (path.find('.') == std::string_view::npos || !plainName(path)) return;
      std::string module = goModule(path);
      if (text::startsWith(path, "github.com/") && path.size() > 3 && path.substr(path.size() - 4) == "/...")
        module = goModule(path.substr(0, path.size() - 4));
      add(out, Ecosystem::kGo, module, at == std::string_view::npos ? std::string_view() : arg.substr(at + 1));
      return;
    }
    case Tool::kGem: {
      if (!plainName(arg)) return;
      const auto colon = arg.find(':');
      add(out, Ecosystem::kRubyGems, arg.substr(0, colon),
          colon == std::string_view::npos ? optionVersion : arg.substr(colon + 1));
      return;
    }
    case Tool::kComposer: {
      const auto sep = arg.find_first_of(":@=");
      const std::string_view name = arg.substr(0, sep);
      if (name.find('/') == std::string_view::npos || !plainName(name)) return;
      add(out, Ecosystem::kPackagist, name, sep == std::string_view::npos ? std::string_view() : arg.substr(sep + 1));
      return;
    }
    case Tool::kNone:
      return;
  }
}

// Cheap prefilter: does a word of the line start like a tool identify() knows?
// One pass over the line, a table lookup per character; a comparison only at
// word starts with a tool's first letter, against that letter's tools.
bool hasToolWord(std::string_view line) {
  // Grouped by first letter (the table below points at each group's start).
  static constexpr std::string_view kTools[] = {"bun",  "cargo", "cnpm", "composer", "gem ", "go ",  "hatch ",
                                                "npm",  "npx",   "pip",  "pnp",      "poetry", "pdm", "python",
                                                "py ",  "uv ",   "yarn"};
  static constexpr std::size_t kToolCount = sizeof(kTools) / sizeof(kTools[0]);
  struct Tables {
    std::array<std::uint8_t, 256> first{};  // index + 1 of the first tool with this letter; 0: none
    std::array<bool, 256> inWord{};         // a tool word must not follow one of these
  };
  static constexpr Tables kTables = [] {
    Tables t{};
    for (std::size_t k = kToolCount; k-- > 0;) t.first[static_cast<unsigned char>(kTools[k].front())] = k + 1;
    for (int c = 0; c < 256; ++c)
      t.inWord[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
                    c == '-' || c == '.';
    return t;
  }();
  for (std::size_t i = 0; i < line.size(); ++i) {
    const auto c = static_cast<unsigned char>(line[i]);
    const std::size_t group = kTables.first[c];
    if (!group) continue;
    if (i > 0 && kTables.inWord[static_cast<unsigned char>(line[i - 1])]) continue;
    const std::string_view rest = line.substr(i);
    for (std::size_t k = group - 1; k < kToolCount && static_cast<unsigned char>(kTools[k].front()) == c; ++k)
      if (text::startsWith(rest, kTools[k])) return true;
  }
  return false;
}

}  // namespace

void extractInstallCommands(std::string_view line, Mentions& out) {
  if (line.size() < 6 || !hasToolWord(line)) return;
  std::array<Word, kMaxWords> words;
  const std::size_t n = splitWords(line, words);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t argsStart = 0;
    const Tool tool = identify(words, n, i, argsStart);
    if (tool == Tool::kNone) continue;
    // A command ends at a separator or where a word ends the sentence/backtick.
    std::size_t end = argsStart;
    for (; end < n && !isSeparator(words[end].text); ++end)
      if (words[end].endsCommand) {
        ++end;
        break;
      }
    // Version options apply to the packages of the command (gem -v, cargo --version).
    const bool versionOption = tool == Tool::kGem || tool == Tool::kCargo;
    auto isVersionOption = [&](std::string_view w) {
      return versionOption && (w == "-v" || w == "--version" || w == "--vers");
    };
    std::string_view optionVersion;
    for (std::size_t k = argsStart; k + 1 < end; ++k)
      if (isVersionOption(words[k].text)) optionVersion = words[k + 1].text;
    for (std::size_t k = argsStart; k < end; ++k) {
      const std::string_view w = words[k].text;
      if (w.empty()) continue;
      if (w.front() == '-') {
        if (w.find('=') == std::string_view::npos &&
            (takesValue(tool, w) || isVersionOption(w)))
          ++k;
        continue;
      }
      argument(tool, w, optionVersion, out);
      if (tool == Tool::kNpx) break;  // npx runs one package; the rest are its arguments
    }
    i = end > i ? end - 1 : i;
  }
}

}  // namespace gateos::plugins::stages::dependency_insight

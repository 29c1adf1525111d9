#include "extract/mention_extractor.h"

#include <cctype>

#include "extract/install_commands.h"
#include "extract/text_util.h"

namespace gateos::plugins::stages::dependency_insight {
namespace {

struct Name {
  std::string_view text;
  Language language;
};

// File names first (they are more specific than language words).
constexpr Name kFileNames[] = {
    {"requirements", Language::kRequirements}, {"constraints.txt", Language::kRequirements},
    {"pyproject.toml", Language::kToml},       {"cargo.toml", Language::kToml},
    {"package-lock.json", Language::kJson},    {"package.json", Language::kJson},
    {"composer.json", Language::kJson},        {"pom.xml", Language::kXml},
    {"go.mod", Language::kGoMod},              {"gemfile", Language::kGemfile},
    {"build.gradle", Language::kJava},
};

constexpr Name kLanguages[] = {
    {"python", Language::kPython}, {"py", Language::kPython},          {"python3", Language::kPython},
    {"javascript", Language::kJavaScript}, {"js", Language::kJavaScript}, {"jsx", Language::kJavaScript},
    {"typescript", Language::kJavaScript}, {"ts", Language::kJavaScript}, {"tsx", Language::kJavaScript},
    {"mjs", Language::kJavaScript},  {"cjs", Language::kJavaScript},    {"node", Language::kJavaScript},
    {"vue", Language::kJavaScript},  {"svelte", Language::kJavaScript}, {"go", Language::kGo},
    {"golang", Language::kGo},       {"rust", Language::kRust},         {"rs", Language::kRust},
    {"java", Language::kJava},       {"kotlin", Language::kJava},       {"kt", Language::kJava},
    {"kts", Language::kJava},        {"groovy", Language::kJava},       {"gradle", Language::kJava},
    {"scala", Language::kJava},      {"ruby", Language::kRuby},         {"rb", Language::kRuby},
    {"php", Language::kPhp},         {"sh", Language::kShell},          {"bash", Language::kShell},
    {"shell", Language::kShell},     {"console", Language::kShell},     {"zsh", Language::kShell},
    {"powershell", Language::kShell}, {"ps1", Language::kShell},        {"cmd", Language::kShell},
    {"dockerfile", Language::kShell}, {"toml", Language::kToml},        {"json", Language::kJson},
    {"jsonc", Language::kJson},      {"xml", Language::kXml},           {"pip", Language::kRequirements},
    {"gomod", Language::kGoMod},     {"go.mod", Language::kGoMod},
};

bool containsFileName(std::string_view lowerText, Language& out) {
  for (const auto& f : kFileNames)
    if (lowerText.find(f.text) != std::string_view::npos) {
      out = f.language;
      return true;
    }
  return false;
}

// Cheap check before the lower-case search: a manifest file extension or "Gemfile".
bool mayNameManifest(std::string_view line) {
  static constexpr std::string_view kExtensions[] = {"toml", "json", "xml", "mod", "txt", "gradle"};
  for (auto dot = line.find('.'); dot != std::string_view::npos; dot = line.find('.', dot + 1)) {
    const auto rest = line.substr(dot + 1);
    for (auto ext : kExtensions)
      if (text::startsWith(rest, ext)) return true;
  }
  return line.find("Gemfile") != std::string_view::npos;
}

}  // namespace

Language languageOf(std::string_view info) {
  std::string lower;
  lower.reserve(std::min<std::size_t>(info.size(), 200));
  for (char c : info.substr(0, 200)) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  Language file;
  if (containsFileName(lower, file)) return file;
  std::string_view word = lower;
  word = word.substr(0, word.find_first_of(" \t{:,"));
  for (const auto& l : kLanguages)
    if (l.text == word) return l.language;
  return Language::kUnknown;
}

void MentionExtractor::reset() {
  inFence_ = false;
  language_ = Language::kUnknown;
  fileHint_ = Language::kUnknown;
  imports_ = {};
  manifest_ = {};
  partial_.clear();
}

void MentionExtractor::fence(std::string_view info) {
  imports_ = {};
  manifest_ = {};
  if (inFence_) {
    inFence_ = false;
    language_ = Language::kUnknown;
    return;
  }
  inFence_ = true;
  language_ = languageOf(info);
  if ((language_ == Language::kUnknown || language_ == Language::kToml || language_ == Language::kJson) &&
      fileHint_ != Language::kUnknown)
    language_ = fileHint_;
  fileHint_ = Language::kUnknown;
}

void MentionExtractor::line(std::string_view raw, Mentions& out) {
  const std::string_view line = text::trim(raw);
  if (line.empty()) return;
  if (line.size() >= 3 && (text::startsWith(line, "```") || text::startsWith(line, "~~~"))) {
    fence(text::trim(line.substr(3)));
    return;
  }
  if (!inFence_) {
    // A manifest's file name in prose applies to the next fence (within 3 lines).
    if (fileHint_ != Language::kUnknown && ++fileHintAge_ > 3) fileHint_ = Language::kUnknown;
    if (line.size() < 200 && mayNameManifest(line)) {
      Language hint;
      std::string lower(line);
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (containsFileName(lower, hint)) {
        fileHint_ = hint;
        fileHintAge_ = 0;
      }
    }
  }
  extractInstallCommands(line, out);
  const Language hint = inFence_ ? language_ : Language::kUnknown;
  if (hint == Language::kShell) return;
  const bool manifestBlock = manifest_.block != ManifestState::Block::kNone;
  if (!manifestBlock && extractImports(line, hint, imports_, out)) return;
  extractManifest(line, hint, manifest_, out);
}

void MentionExtractor::feed(std::string_view chunk, Mentions& out) {
  while (!chunk.empty()) {
    const auto nl = chunk.find('\n');
    if (nl == std::string_view::npos) {
      partial_.append(chunk);
      if (partial_.size() > kMaxLine) {
        // A line this long is not code we can read; scan what we have and move on.
        line(partial_, out);
        partial_.clear();
      }
      return;
    }
    if (partial_.empty()) {
      line(chunk.substr(0, nl), out);
    } else {
      partial_.append(chunk.substr(0, nl));
      line(partial_, out);
      partial_.clear();
    }
    chunk.remove_prefix(nl + 1);
  }
}

void MentionExtractor::finish(Mentions& out) {
  if (!partial_.empty()) line(partial_, out);
  partial_.clear();
}

void MentionExtractor::scan(std::string_view text, Mentions& out) {
  feed(text, out);
  finish(out);
}

}  // namespace gateos::plugins::stages::dependency_insight

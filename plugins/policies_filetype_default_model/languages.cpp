#include "languages.h"

#include <algorithm>
#include <string>

namespace gateos::plugins::policies::filetype_default_model {

namespace {

struct Entry {
  std::string_view key;
  std::string_view language;
};

// Extensions (lower case, without the dot) → language.
constexpr Entry kExtensions[] = {
    {"bash", "shell"},        {"c", "c"},                 {"cc", "cpp"},           {"cjs", "javascript"},
    {"clj", "clojure"},       {"cmake", "cmake"},         {"cpp", "cpp"},          {"cs", "csharp"},
    {"css", "css"},           {"cxx", "cpp"},             {"dart", "dart"},        {"ex", "elixir"},
    {"exs", "elixir"},        {"go", "go"},               {"gradle", "groovy"},    {"groovy", "groovy"},
    {"h", "c"},               {"hpp", "cpp"},             {"hs", "haskell"},       {"htm", "html"},
    {"html", "html"},         {"hxx", "cpp"},             {"ini", "ini"},          {"ipynb", "jupyter"},
    {"java", "java"},         {"jl", "julia"},            {"js", "javascript"},    {"json", "json"},
    {"jsx", "javascript"},    {"kt", "kotlin"},           {"kts", "kotlin"},       {"less", "css"},
    {"lua", "lua"},           {"m", "objective-c"},       {"markdown", "markdown"}, {"md", "markdown"},
    {"mdx", "markdown"},      {"mjs", "javascript"},      {"ml", "ocaml"},         {"mm", "objective-c"},
    {"php", "php"},           {"pl", "perl"},             {"proto", "protobuf"},   {"ps1", "powershell"},
    {"py", "python"},         {"pyi", "python"},          {"r", "r"},              {"rb", "ruby"},
    {"rs", "rust"},           {"rst", "restructuredtext"}, {"sass", "css"},        {"scala", "scala"},
    {"scss", "css"},          {"sh", "shell"},            {"sql", "sql"},          {"svelte", "svelte"},
    {"swift", "swift"},       {"tex", "latex"},           {"tf", "terraform"},     {"toml", "toml"},
    {"ts", "typescript"},     {"tsx", "typescript"},      {"txt", "text"},         {"vue", "vue"},
    {"xml", "xml"},           {"yaml", "yaml"},           {"yml", "yaml"},         {"zig", "zig"},
    {"zsh", "shell"},
};

// Whole file names → language.
constexpr Entry kFileNames[] = {
    {"BUILD", "starlark"},       {"CMakeLists.txt", "cmake"}, {"Containerfile", "dockerfile"},
    {"Dockerfile", "dockerfile"}, {"Gemfile", "ruby"},         {"Jenkinsfile", "groovy"},
    {"Makefile", "makefile"},    {"Rakefile", "ruby"},        {"WORKSPACE", "starlark"},
    {"GNUmakefile", "makefile"}, {"makefile", "makefile"},
};

// Names clients write after ``` → canonical language (besides the extensions).
constexpr Entry kAliases[] = {
    {"c#", "csharp"},       {"c++", "cpp"},        {"console", "shell"},   {"csharp", "csharp"},
    {"docker", "dockerfile"}, {"golang", "go"},    {"hcl", "terraform"},   {"javascript", "javascript"},
    {"make", "makefile"},   {"node", "javascript"}, {"objc", "objective-c"}, {"py3", "python"},
    {"python", "python"},   {"python3", "python"}, {"ruby", "ruby"},       {"rust", "rust"},
    {"shell", "shell"},     {"shellscript", "shell"}, {"typescript", "typescript"}, {"yaml", "yaml"},
};

template <std::size_t N>
std::string_view lookup(const Entry (&table)[N], std::string_view key) noexcept {
  for (const auto& e : table)
    if (e.key == key) return e.language;
  return {};
}

char lower(char c) noexcept { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string_view fileNameOf(std::string_view path) noexcept {
  std::size_t slash = path.find_last_of("/\\");
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::string_view languageOfPath(std::string_view path) noexcept {
  std::string_view name = fileNameOf(path);
  if (auto language = lookup(kFileNames, name); !language.empty()) return language;
  if (name.starts_with("Dockerfile.") || name.ends_with(".dockerfile")) return "dockerfile";
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0 || dot + 1 == name.size() || name.size() - dot > 10) return {};
  char ext[10] = {};
  std::size_t n = name.size() - dot - 1;
  for (std::size_t i = 0; i < n; ++i) ext[i] = lower(name[dot + 1 + i]);
  return lookup(kExtensions, std::string_view(ext, n));
}

std::string_view canonicalLanguage(std::string_view name, std::string& buffer) {
  buffer.assign(name);
  std::transform(buffer.begin(), buffer.end(), buffer.begin(), lower);
  if (auto language = lookup(kAliases, buffer); !language.empty()) return language;
  if (auto language = lookup(kExtensions, buffer); !language.empty()) return language;
  return buffer;
}

bool looksLikeFileName(std::string_view name) noexcept { return !languageOfPath(name).empty(); }

}  // namespace gateos::plugins::policies::filetype_default_model

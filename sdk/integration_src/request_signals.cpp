#include "gateos/sdk/integration/request_signals.h"

#include <algorithm>
#include <array>
#include <utility>

namespace gateos::sdk::integration {

std::string_view header(const InboundRequest& request, std::string_view name) noexcept {
  return request.headers ? request.headers->get(name) : std::string_view();
}

bool userAgentStartsWith(const InboundRequest& request, std::string_view prefix) noexcept {
  return header(request, "user-agent").starts_with(prefix);
}

std::string_view languageOfPath(std::string_view path) noexcept {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 40> kByExtension{{
      {".py", "python"},      {".js", "javascript"}, {".mjs", "javascript"}, {".cjs", "javascript"},
      {".jsx", "javascript"}, {".ts", "typescript"}, {".tsx", "typescript"}, {".go", "go"},
      {".rs", "rust"},        {".java", "java"},     {".kt", "kotlin"},      {".c", "c"},
      {".h", "c"},            {".cc", "cpp"},        {".cpp", "cpp"},        {".cxx", "cpp"},
      {".hpp", "cpp"},        {".cs", "csharp"},     {".rb", "ruby"},        {".php", "php"},
      {".swift", "swift"},    {".scala", "scala"},   {".sh", "shell"},       {".bash", "shell"},
      {".sql", "sql"},        {".md", "markdown"},   {".json", "json"},      {".yaml", "yaml"},
      {".yml", "yaml"},       {".toml", "toml"},     {".html", "html"},      {".css", "css"},
      {".vue", "vue"},        {".svelte", "svelte"}, {".lua", "lua"},        {".r", "r"},
      {".dart", "dart"},      {".ex", "elixir"},     {".hs", "haskell"},     {".tf", "terraform"},
  }};
  auto slash = path.find_last_of('/');
  auto dot = path.find_last_of('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  std::string_view ext = path.substr(dot);
  for (const auto& [e, language] : kByExtension)
    if (e.size() == ext.size() && std::equal(e.begin(), e.end(), ext.begin(), [](char a, char b) {
          return a == (b >= 'A' && b <= 'Z' ? b - 'A' + 'a' : b);
        }))
      return language;
  return {};
}

void collectFilePaths(std::string_view body, std::string_view key, std::vector<FileRef>& out,
                      std::size_t limit) noexcept {
  try {
    for (bool escaped : {false, true}) {
      const std::string quote = escaped ? "\\\"" : "\"";
      const std::string needle = quote + std::string(key) + quote;
      for (auto pos = body.find(needle); pos != std::string_view::npos && out.size() < limit;
           pos = body.find(needle, pos + needle.size())) {
        std::size_t p = pos + needle.size();
        while (p < body.size() && (body[p] == ' ' || body[p] == ':')) ++p;
        if (body.compare(p, quote.size(), quote) != 0) continue;
        p += quote.size();
        auto end = body.find(quote, p);
        if (end == std::string_view::npos || end - p > 4096) continue;
        std::string path(body.substr(p, end - p));
        if (path.empty() || path.find('\\') != std::string::npos) continue;
        if (std::any_of(out.begin(), out.end(), [&](const FileRef& f) { return f.path == path; })) continue;
        FileRef file;
        file.language = std::string(languageOfPath(path));
        file.path = std::move(path);
        out.push_back(std::move(file));
      }
    }
  } catch (...) {
    // Out of memory: the files are a hint, the request goes on without them.
  }
}

}  // namespace gateos::sdk::integration

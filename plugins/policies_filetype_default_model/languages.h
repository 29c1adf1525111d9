#pragma once
// File types: the language of a path (by extension or well-known file name)
// and the canonical name of a language as clients write it in fenced code
// blocks ("py", "python3" → "python"). The table is in README.md.

#include <string_view>

namespace gateos::plugins::policies::filetype_default_model {

// "src/app.py" → "python", "Dockerfile" → "dockerfile"; empty when unknown.
std::string_view languageOfPath(std::string_view path) noexcept;

// "Py", "python3" → "python"; an unknown name is returned lower-cased in `buffer`
// as written. Returns a view into a static table or into `buffer`.
std::string_view canonicalLanguage(std::string_view name, std::string& buffer);

// True when `name` (a file name, no directory) looks like a file: a known
// extension or well-known file name. For mentions in prose.
bool looksLikeFileName(std::string_view name) noexcept;

}  // namespace gateos::plugins::policies::filetype_default_model

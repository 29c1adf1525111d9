#pragma once
// Install commands anywhere in a line, in prose or code:
//   pip/pip3/pipx/pipenv install, python -m pip install, uv add, uv pip install,
//   poetry add, npm install|i|add, yarn add, pnpm add|install|i, bun add|install|i,
//   npx, cargo add|install, go get|install, gem install, composer require.
// Arguments run to the end of the command (a shell separator, a closing
// backtick, or a word ending in punctuation that ends a sentence). Options are
// skipped, with the value of those that take one; version options
// (gem -v, cargo --version) are kept.

#include <string_view>

#include "extract/mention.h"

namespace gateos::plugins::stages::dependency_insight {

void extractInstallCommands(std::string_view line, Mentions& out);

}  // namespace gateos::plugins::stages::dependency_insight

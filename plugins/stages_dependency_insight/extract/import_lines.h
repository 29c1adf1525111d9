#pragma once
// Import statements, one line at a time:
//   Python      import a.b as c, d  ·  from a.b import c      (relative imports skipped)
//   JS/TS       import … from 'x'  ·  import 'x'  ·  export … from 'x'  ·  require('x')  ·  import('x')
//   Go          import "x"  ·  import ( … ) blocks, aliases
//   Rust        use a::b;  ·  extern crate a;
//   Java/Kotlin import a.b.C;  (well-known libraries only, see import_names.h)
//   Ruby        require 'x'
//   PHP         use Vendor\Package\Class;
// `hint` settles the ambiguous forms (`import x` is Python or Kotlin, `import "x"`
// is JS or Go); without one the line's shape decides.

#include <string_view>

#include "extract/mention.h"

namespace gateos::plugins::stages::dependency_insight {

struct ImportState {
  bool inGoImportBlock = false;
};

// `line` is trimmed. Returns true when the line was an import statement.
bool extractImports(std::string_view line, Language hint, ImportState& state, Mentions& out);

}  // namespace gateos::plugins::stages::dependency_insight

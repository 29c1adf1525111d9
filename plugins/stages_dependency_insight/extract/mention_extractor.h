#pragma once
// Finds package mentions in text, whole or streamed in pieces.
//
// Text is read line by line. Markdown code fences set the language of the
// lines inside ("```python", "```toml title=\"Cargo.toml\""); a manifest file
// name on the line before a fence ("requirements.txt:") sets it when the fence
// has none. Each line goes to the import, manifest and install-command
// extractors (import_lines.h, manifest_lines.h, install_commands.h).
//
// Streaming: feed() scans every complete line at once and keeps only the
// unfinished last line (at most kMaxLine bytes) so that a name split across
// chunks is still seen whole; the caller never holds text back for it.
// One object per text stream; not thread-safe.

#include <string>
#include <string_view>

#include "extract/import_lines.h"
#include "extract/manifest_lines.h"
#include "extract/mention.h"

namespace gateos::plugins::stages::dependency_insight {

class MentionExtractor {
 public:
  static constexpr std::size_t kMaxLine = 4096;

  // A whole text: feed(text) + finish().
  void scan(std::string_view text, Mentions& out);
  void feed(std::string_view chunk, Mentions& out);
  void finish(Mentions& out);

  // Starts a new document (another message): fences and manifest state reset.
  void reset();

 private:
  void line(std::string_view line, Mentions& out);
  void fence(std::string_view info);

  bool inFence_ = false;
  Language language_ = Language::kUnknown;
  Language fileHint_ = Language::kUnknown;  // from a file name on the line before a fence
  int fileHintAge_ = 0;
  ImportState imports_;
  ManifestState manifest_;
  std::string partial_;
};

// The language a fence info string or a file name stands for.
Language languageOf(std::string_view infoOrFileName);

}  // namespace gateos::plugins::stages::dependency_insight

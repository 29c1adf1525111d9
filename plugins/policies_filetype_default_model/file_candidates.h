#pragma once
// The files a request is about, in precedence order (README.md "Where file
// types come from"):
//   1. the file being edited / completed (RequestContext::client.files with
//      primary = true, filled by client integrations);
//   2. for autocomplete: the "Path: …" / "File: …" header line of the prompt;
//   3. the other files client integrations found, in their order;
//   4. file names in tool calls (path-like arguments) and tool results,
//      newest message first;
//   5. fenced code blocks with a language (```python, ```python src/app.py),
//      newest message first;
//   6. file names mentioned in the last user message.
// At most kMaxCandidates are collected. Also tells chat from autocomplete
// (fill-in-the-middle markers in the prompt, or the integration's kind).

#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/request_context.h"

namespace gateos::plugins::policies::filetype_default_model {

enum class CandidateSource { kEditedFile, kPromptHeader, kClientFile, kToolCall, kCodeBlock, kMention };

std::string_view toString(CandidateSource source) noexcept;

struct FileCandidate {
  std::string path;      // may be empty (a code block without a file name)
  std::string language;  // canonical; from the path when not given
  CandidateSource source = CandidateSource::kMention;

  // "python", else the extension, else "none": for the X-GateOS-Route header.
  std::string fileType() const;
};

inline constexpr std::size_t kMaxCandidates = 16;

// `request` may be null (then only the context's files count).
std::vector<FileCandidate> collectCandidates(const sdk::RequestContext& context, const sdk::ChatRequest* request);

// Autocomplete when the integration says so or the prompt carries
// fill-in-the-middle markers (<|fim_prefix|>, <fim_prefix>, <PRE> …).
bool isAutocomplete(const sdk::RequestContext& context, const sdk::ChatRequest* request) noexcept;

}  // namespace gateos::plugins::policies::filetype_default_model

#include "file_candidates.h"

#include "gateos/sdk/json.h"
#include "languages.h"

namespace gateos::plugins::policies::filetype_default_model {

namespace {

// How far into a message the scanners look: file names and code fences near
// the start of a long pasted prompt decide as well as the rest would.
constexpr std::size_t kScanLimit = 64 * 1024;

constexpr std::string_view kFimMarkers[] = {"<|fim_prefix|>", "<|fim_suffix|>", "<fim_prefix>", "<|fim_begin|>",
                                            "<|fim▁begin|>", "<PRE> ", "<|prefix|>"};

// Argument names tools use for a file path.
constexpr std::string_view kPathArguments[] = {"path", "file_path", "filePath", "filepath", "filename",
                                               "file", "target_file", "notebook_path", "absolute_path"};

bool isPathChar(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-' ||
         c == '.' || c == '/' || c == '\\' || c == '+' || c == '@';
}

class Collector {
 public:
  explicit Collector(std::vector<FileCandidate>& out) : out_(out) {}
  bool full() const noexcept { return out_.size() >= kMaxCandidates; }

  void add(std::string_view path, std::string_view language, CandidateSource source) {
    if (full() || (path.empty() && language.empty())) return;
    for (const auto& c : out_)
      if (!path.empty() && c.path == path) return;  // first (highest) source wins
    FileCandidate c;
    c.path = std::string(path);
    if (!language.empty())
      c.language = std::string(canonicalLanguage(language, buffer_));
    else
      c.language = std::string(languageOfPath(path));
    c.source = source;
    out_.push_back(std::move(c));
  }

 private:
  std::vector<FileCandidate>& out_;
  std::string buffer_;
};

std::string_view firstLines(std::string_view text, std::size_t lines) {
  std::size_t pos = 0;
  for (std::size_t i = 0; i < lines && pos != std::string_view::npos; ++i) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  return pos == std::string_view::npos ? text : text.substr(0, pos);
}

// "Path: src/app.py", "// File: src/app.py", "# Path: x" in the first lines.
void promptHeader(std::string_view text, Collector& out) {
  std::string_view head = firstLines(text.substr(0, 2048), 4);
  for (std::string_view key : {std::string_view("Path: "), std::string_view("File: "), std::string_view("path: "),
                               std::string_view("file: ")}) {
    std::size_t at = head.find(key);
    if (at == std::string_view::npos) continue;
    std::size_t start = at + key.size();
    std::size_t end = start;
    while (end < head.size() && isPathChar(head[end])) ++end;
    if (end > start) out.add(head.substr(start, end - start), {}, CandidateSource::kPromptHeader);
    return;
  }
}

// Path-like string arguments of one tool call (JSON text).
void toolCallPaths(std::string_view arguments, Collector& out) {
  if (arguments.empty() || arguments.size() > kScanLimit) return;
  auto json = sdk::Json::parse(arguments, nullptr, false);
  if (!json.is_object()) return;
  for (std::string_view key : kPathArguments) {
    auto it = json.find(std::string(key));
    if (it != json.end() && it->is_string()) out.add(it->get_ref<const std::string&>(), {}, CandidateSource::kToolCall);
  }
}

// File names (known extension or well-known name) mentioned in prose.
void mentions(std::string_view text, CandidateSource source, Collector& out) {
  text = text.substr(0, kScanLimit);
  std::size_t i = 0;
  while (i < text.size() && !out.full()) {
    while (i < text.size() && !isPathChar(text[i])) ++i;
    std::size_t j = i;
    while (j < text.size() && isPathChar(text[j])) ++j;
    std::string_view token = text.substr(i, j - i);
    while (!token.empty() && (token.back() == '.' || token.back() == '/')) token.remove_suffix(1);  // end of sentence
    if (token.size() > 1 && looksLikeFileName(token)) out.add(token, {}, source);
    i = j;
  }
}

// ```lang, ```lang path, ```path — newest block first within the text.
void codeFences(std::string_view text, Collector& out) {
  text = text.substr(0, kScanLimit);
  std::size_t pos = 0;
  bool inside = false;
  std::vector<std::pair<std::string_view, std::string_view>> found;  // (language, path)
  while ((pos = text.find("```", pos)) != std::string_view::npos) {
    bool lineStart = pos == 0 || text[pos - 1] == '\n';
    std::size_t infoStart = pos + 3;
    std::size_t lineEnd = text.find('\n', infoStart);
    if (lineEnd == std::string_view::npos) lineEnd = text.size();
    if (lineStart && !inside) {
      std::string_view info = text.substr(infoStart, lineEnd - infoStart);
      while (!info.empty() && (info.back() == '\r' || info.back() == ' ')) info.remove_suffix(1);
      std::size_t space = info.find(' ');
      std::string_view first = info.substr(0, space);
      std::string_view second = space == std::string_view::npos ? std::string_view() : info.substr(space + 1);
      if (std::size_t colon = first.find(':'); colon != std::string_view::npos) {  // ```python:src/app.py
        second = first.substr(colon + 1);
        first = first.substr(0, colon);
      }
      if (!first.empty()) {
        bool firstIsPath = first.find('/') != std::string_view::npos || looksLikeFileName(first);
        if (firstIsPath)
          found.emplace_back(std::string_view(), first);
        else if (!second.empty() && (second.find('/') != std::string_view::npos || looksLikeFileName(second)))
          found.emplace_back(first, second.substr(0, second.find(' ')));
        else
          found.emplace_back(first, std::string_view());
      }
    }
    if (lineStart) inside = !inside;
    pos = lineEnd;
  }
  for (auto it = found.rbegin(); it != found.rend(); ++it) out.add(it->second, it->first, CandidateSource::kCodeBlock);
}

const sdk::Message* lastUser(const sdk::ChatRequest& request) {
  for (auto it = request.messages.rbegin(); it != request.messages.rend(); ++it)
    if (it->role == sdk::Role::kUser) return &*it;
  return nullptr;
}

}  // namespace

std::string_view toString(CandidateSource source) noexcept {
  switch (source) {
    case CandidateSource::kEditedFile: return "edited_file";
    case CandidateSource::kPromptHeader: return "prompt_header";
    case CandidateSource::kClientFile: return "client_file";
    case CandidateSource::kToolCall: return "tool_call";
    case CandidateSource::kCodeBlock: return "code_block";
    case CandidateSource::kMention: return "mention";
  }
  return "";
}

std::string FileCandidate::fileType() const {
  if (!language.empty()) return language;
  std::size_t slash = path.find_last_of("/\\");
  std::string_view name = slash == std::string::npos ? std::string_view(path) : std::string_view(path).substr(slash + 1);
  std::size_t dot = name.rfind('.');
  if (dot != std::string_view::npos && dot + 1 < name.size()) return std::string(name.substr(dot + 1));
  return name.empty() ? "none" : std::string(name);
}

bool isAutocomplete(const sdk::RequestContext& context, const sdk::ChatRequest* request) noexcept {
  if (context.client.kind == sdk::RequestKind::kAutocomplete) return true;
  if (!request) return false;
  const sdk::Message* user = lastUser(*request);
  if (!user) return false;
  for (const auto& block : user->content) {
    if (block.type != sdk::ContentBlock::Type::kText) continue;
    std::string_view text = std::string_view(block.text).substr(0, kScanLimit);
    for (std::string_view marker : kFimMarkers)
      if (text.find(marker) != std::string_view::npos) return true;
  }
  return false;
}

std::vector<FileCandidate> collectCandidates(const sdk::RequestContext& context, const sdk::ChatRequest* request) {
  std::vector<FileCandidate> out;
  Collector collect(out);
  for (const auto& f : context.client.files)
    if (f.primary) collect.add(f.path, f.language, CandidateSource::kEditedFile);
  const sdk::Message* user = request ? lastUser(*request) : nullptr;
  if (user && isAutocomplete(context, request))
    for (const auto& block : user->content)
      if (block.type == sdk::ContentBlock::Type::kText) promptHeader(block.text, collect);
  for (const auto& f : context.client.files)
    if (!f.primary) collect.add(f.path, f.language, CandidateSource::kClientFile);
  if (!request) return out;

  for (auto m = request->messages.rbegin(); m != request->messages.rend() && !collect.full(); ++m)
    for (const auto& block : m->content) {
      if (block.type == sdk::ContentBlock::Type::kToolCall) toolCallPaths(block.arguments, collect);
      if (block.type == sdk::ContentBlock::Type::kToolResult)
        mentions(firstLines(block.text, 1), CandidateSource::kToolCall, collect);
    }
  for (auto m = request->messages.rbegin(); m != request->messages.rend() && !collect.full(); ++m) {
    if (m->role == sdk::Role::kSystem || m->role == sdk::Role::kDeveloper) continue;
    for (auto b = m->content.rbegin(); b != m->content.rend(); ++b)
      if (b->type == sdk::ContentBlock::Type::kText) codeFences(b->text, collect);
  }
  if (user)
    for (const auto& block : user->content)
      if (block.type == sdk::ContentBlock::Type::kText) mentions(block.text, CandidateSource::kMention, collect);
  return out;
}

}  // namespace gateos::plugins::policies::filetype_default_model

#include "request_redactor.h"

#include <string.h>

#include <algorithm>

#include "json_text.h"
#include "placeholder.h"

namespace gateos::plugins::stages::secret_redaction {

using sdk::ChatRequest;
using sdk::ContentBlock;

void wipeBytes(char* data, std::size_t size) noexcept {
  // glibc's explicit_bzero is memset plus a compiler barrier: as sure as
  // sodium_memzero, which zeroes byte by byte (~1 instruction per byte).
  if (size != 0) explicit_bzero(data, size);
}

void wipeString(std::string& s) noexcept {
  wipeBytes(s.data(), s.size());
  s.clear();
}

bool DocumentFindings::lookup(std::string_view value, std::vector<Finding>& out, std::size_t& cursor) const {
  if (strings == nullptr || found == nullptr) return false;
  const std::size_t n = strings->size();
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t s = (cursor + k) % n;
    const TextSpan span = (*strings)[s];
    if (span.end - span.start != value.size() || text.substr(span.start, value.size()) != value) continue;
    auto first = std::lower_bound(found->begin(), found->end(), s,
                                  [](const StringFinding& f, std::size_t i) { return f.string < i; });
    for (; first != found->end() && first->string == s; ++first) out.push_back(first->finding);
    cursor = s + 1;
    return true;
  }
  return false;
}

std::vector<Occurrence> RequestRedactor::find(const ChatRequest& request, const DocumentFindings* document) const {
  std::vector<Occurrence> out;
  std::vector<Finding> findings;
  std::size_t cursor = 0;
  for (std::size_t m = 0; m < request.messages.size(); ++m) {
    const auto& message = request.messages[m];
    for (std::size_t b = 0; b < message.content.size(); ++b) {
      const auto& block = message.content[b];
      switch (block.type) {
        case ContentBlock::Type::kText:
        case ContentBlock::Type::kReasoning:
        case ContentBlock::Type::kToolResult:
          findings.clear();
          if (!document || !document->lookup(block.text, findings, cursor)) scanner_.scan(block.text, findings);
          for (const auto& f : findings)
            out.push_back({m, b, false, f.start, f.end, f.detector, block.text.substr(f.start, f.end - f.start)});
          break;
        case ContentBlock::Type::kToolCall:
          if (!block.arguments.empty()) findInArguments(block.arguments, m, b, out);
          break;
        case ContentBlock::Type::kImage:
          break;
      }
    }
  }
  return out;
}

// Arguments are JSON text: scan them decoded (so a private key's "\n" escapes
// are real line breaks and "\"" real quotes), then map every span back to the
// raw text. The replacement then covers whole escapes and stays inside one
// JSON string.
void RequestRedactor::findInArguments(const std::string& arguments, std::size_t m, std::size_t b,
                                      std::vector<Occurrence>& out) const {
  std::string decoded;
  std::vector<std::uint32_t> offsets;
  unescapeJsonWithOffsets(arguments, decoded, offsets);
  std::vector<Finding> findings;
  scanner_.scan(decoded, findings);
  for (const auto& f : findings) {
    std::size_t rawStart = offsets[f.start];
    std::size_t rawEnd = offsets[f.end];
    std::size_t decodedEnd = f.end;
    // A span must not cross an unescaped quote (the end of a JSON string):
    // cut it there, so the structure of the arguments is never changed.
    for (std::size_t k = f.start; k < f.end; ++k) {
      if (decoded[k] == '"' && arguments[offsets[k]] == '"') {
        decodedEnd = k;
        rawEnd = offsets[k];
        break;
      }
    }
    if (rawEnd <= rawStart) continue;
    out.push_back({m, b, true, rawStart, rawEnd, f.detector, decoded.substr(f.start, decodedEnd - f.start)});
  }
  wipeString(decoded);
}

void RequestRedactor::apply(ChatRequest& request, const std::vector<Occurrence>& found,
                            Conversation& conversation) const {
  // Occurrences are grouped by field and ordered by start within it.
  std::size_t i = 0;
  while (i < found.size()) {
    std::size_t j = i;
    while (j < found.size() && found[j].message == found[i].message && found[j].block == found[i].block &&
           found[j].arguments == found[i].arguments)
      ++j;
    auto& block = request.messages[found[i].message].content[found[i].block];
    std::string& field = found[i].arguments ? block.arguments : block.text;
    std::string rewritten;
    rewritten.reserve(field.size());
    std::size_t at = 0;
    for (std::size_t k = i; k < j; ++k) {
      const auto& o = found[k];
      if (o.start < at) continue;  // overlaps the previous one (already covered)
      rewritten.append(field, at, o.start - at);
      rewritten += conversation.placeholderFor(scanner_.detector(o.detector).spec().kind, o.value);
      at = o.end;
    }
    rewritten.append(field, at, std::string::npos);
    wipeString(field);
    field = std::move(rewritten);
    i = j;
  }
}

std::string RequestRedactor::location(const ChatRequest& request, const Occurrence& o) {
  std::string out = "messages[" + std::to_string(o.message) + "].content";
  if (request.messages[o.message].content.size() > 1 || o.arguments) out += "[" + std::to_string(o.block) + "]";
  if (o.arguments) out += ".arguments";
  return out;
}

void RequestRedactor::addSystemNotice(ChatRequest& request) {
  for (auto& message : request.messages) {
    if (message.role != sdk::Role::kSystem && message.role != sdk::Role::kDeveloper) break;
    for (auto it = message.content.rbegin(); it != message.content.rend(); ++it) {
      if (it->type == ContentBlock::Type::kText) {
        if (it->text.find(kSystemNotice) == std::string::npos) it->text.append("\n\n").append(kSystemNotice);
        return;
      }
    }
    message.content.push_back(ContentBlock::makeText(std::string(kSystemNotice)));
    return;
  }
  sdk::Message system;
  system.role = sdk::Role::kSystem;
  system.content.push_back(ContentBlock::makeText(std::string(kSystemNotice)));
  request.messages.insert(request.messages.begin(), std::move(system));
}

}  // namespace gateos::plugins::stages::secret_redaction

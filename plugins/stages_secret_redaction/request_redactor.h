#pragma once
// Finding and replacing secrets in a canonical request: every message's text,
// reasoning and tool-result blocks, and the string values inside tool-call
// arguments (JSON text, kept valid JSON). Image blocks are never touched.

#include <cstdint>
#include <string>
#include <vector>

#include "conversation_store.h"
#include "gateos/sdk/canonical.h"
#include "scanner.h"

namespace gateos::plugins::stages::secret_redaction {

struct Occurrence {
  std::size_t message = 0;
  std::size_t block = 0;
  bool arguments = false;  // in ContentBlock::arguments (else ContentBlock::text)
  std::size_t start = 0;   // span in the field as stored (raw JSON text for arguments)
  std::size_t end = 0;
  std::uint32_t detector = 0;
  std::string value;       // the secret as the user wrote it (JSON-decoded for arguments)
};

// What wantsRequest found in the request's JSON body (Scanner::scanDocument):
// a text block whose content equals one of the body's strings takes that
// string's findings instead of being scanned again.
struct DocumentFindings {
  std::string_view text;                              // the decoded body
  const std::vector<TextSpan>* strings = nullptr;     // its JSON strings
  const std::vector<StringFinding>* found = nullptr;  // ordered by string

  // Appends the findings of a string whose content is `value` to `out`;
  // false when no string is. `cursor`: where to look first (blocks come in
  // the order of the body).
  bool lookup(std::string_view value, std::vector<Finding>& out, std::size_t& cursor) const;
};

class RequestRedactor {
 public:
  explicit RequestRedactor(const Scanner& scanner) : scanner_(scanner) {}

  // Every secret in the request's messages, ordered by message, block, start.
  // `document`: wantsRequest's findings for the same request, or null.
  std::vector<Occurrence> find(const sdk::ChatRequest& request, const DocumentFindings* document = nullptr) const;

  // Replaces each occurrence by its conversation placeholder.
  void apply(sdk::ChatRequest& request, const std::vector<Occurrence>& found, Conversation& conversation) const;

  // "messages[2].content", "messages[3].content[1].arguments" ...
  static std::string location(const sdk::ChatRequest& request, const Occurrence& occurrence);

  // Adds the placeholder instruction to the system prompt (first system or
  // developer message, or a new system message in front).
  static void addSystemNotice(sdk::ChatRequest& request);

 private:
  void findInArguments(const std::string& arguments, std::size_t message, std::size_t block,
                       std::vector<Occurrence>& out) const;

  const Scanner& scanner_;
};

// Zeroes bytes that held a secret (the compiler may not drop it).
void wipeBytes(char* data, std::size_t size) noexcept;
// Zeroes the bytes of a string that held a secret, then clears it.
void wipeString(std::string& s) noexcept;

}  // namespace gateos::plugins::stages::secret_redaction

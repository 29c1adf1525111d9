#pragma once
// The pattern pack: the data asset (assets/patterns.json) that lists the
// detectors, and the same detector format for user-defined custom_patterns.
// Format documented in README.md ("Pattern pack format").

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::plugins::stages::secret_redaction {

// Rules that keep ordinary text from being flagged; applied to the secret value.
struct ContextRules {
  int minClasses = 0;               // of lower, upper, digit, other
  bool requireDigit = false;
  bool denyIdentifier = false;      // a plain word/identifier without digits is not a secret
  std::vector<std::string> denyValues;  // RE2, must match the whole value to reject it
  std::vector<std::string> denyBefore;  // lower-case literals; rejected when one ends the
                                        // 48 bytes before the match on the same line
};

struct DetectorSpec {
  std::string id;
  std::string kind;       // placeholder kind, [a-z0-9_]{1,40}
  std::string category;   // cloud, source, payment, messaging, database, ai, ... generic
  std::string description;
  std::string regex;      // RE2 syntax; capture group `group` is the secret
  std::string trigger;    // Hyperscan expression; empty = regex
  int group = 0;
  std::vector<std::string> keywords;  // literal prefilter: one must occur near the candidate
  double entropy = 0;     // minimum Shannon entropy (bits per char) of the secret
  std::size_t maxLength = 512;  // longest match; bounds the verification window
  ContextRules context;
  bool literal = false;   // an always_redact value: `regex` holds the literal bytes
  bool generic() const noexcept { return category == "generic"; }
};

struct PatternPack {
  std::string name;
  std::string version;
  std::map<std::string, ContextRules> contexts;
  std::vector<DetectorSpec> detectors;
};

sdk::Result<PatternPack> parsePatternPack(const sdk::Json& json);
sdk::Result<PatternPack> loadPatternPack(const std::filesystem::path& file);

// One detector object (pack entry or custom pattern); `where` prefixes errors.
sdk::Result<DetectorSpec> parseDetector(const sdk::Json& json, const std::map<std::string, ContextRules>& contexts,
                                        const std::string& where);

}  // namespace gateos::plugins::stages::secret_redaction

#include "pattern_pack.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>

namespace gateos::plugins::stages::secret_redaction {
namespace {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

constexpr std::string_view kFormat = "gateos.secret-patterns/1";

Status invalid(const std::string& where, const std::string& what) {
  return Status(StatusCode::kInvalidArgument, where + ": " + what);
}

bool isName(const std::string& s, std::size_t max) {
  if (s.empty() || s.size() > max) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Status readStrings(const Json& json, const char* key, std::vector<std::string>& out, const std::string& where) {
  auto it = json.find(key);
  if (it == json.end()) return {};
  if (!it->is_array()) return invalid(where, std::string(key) + ": expected an array of strings");
  for (const auto& v : *it) {
    if (!v.is_string() || v.get<std::string>().empty())
      return invalid(where, std::string(key) + ": expected non-empty strings");
    out.push_back(v.get<std::string>());
  }
  return {};
}

sdk::Result<ContextRules> parseContext(const Json& json, const std::string& where) {
  static const std::set<std::string> kKeys = {"min_classes", "require_digit", "deny_identifier", "deny_values",
                                              "deny_before"};
  if (!json.is_object()) return invalid(where, "expected an object");
  for (const auto& [k, v] : json.items())
    if (!kKeys.count(k)) return invalid(where, "unknown key '" + k + "'");
  ContextRules rules;
  if (auto it = json.find("min_classes"); it != json.end()) {
    if (!it->is_number_integer() || *it < 0 || *it > 4) return invalid(where, "min_classes: expected 0..4");
    rules.minClasses = it->get<int>();
  }
  if (auto it = json.find("require_digit"); it != json.end()) {
    if (!it->is_boolean()) return invalid(where, "require_digit: expected a boolean");
    rules.requireDigit = it->get<bool>();
  }
  if (auto it = json.find("deny_identifier"); it != json.end()) {
    if (!it->is_boolean()) return invalid(where, "deny_identifier: expected a boolean");
    rules.denyIdentifier = it->get<bool>();
  }
  if (auto s = readStrings(json, "deny_values", rules.denyValues, where); !s) return s;
  for (std::size_t i = 0; i < rules.denyValues.size(); ++i) {
    RE2 re(rules.denyValues[i], RE2::Quiet);
    if (!re.ok()) return invalid(where, "deny_values[" + std::to_string(i) + "]: " + re.error());
  }
  if (auto s = readStrings(json, "deny_before", rules.denyBefore, where); !s) return s;
  for (auto& w : rules.denyBefore)
    std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return char(std::tolower(c)); });
  return rules;
}

}  // namespace

sdk::Result<DetectorSpec> parseDetector(const Json& json, const std::map<std::string, ContextRules>& contexts,
                                        const std::string& where) {
  static const std::set<std::string> kKeys = {"id",      "kind",     "category",   "description", "regex",
                                              "trigger", "group",    "keywords",   "entropy",     "max_length",
                                              "context"};
  if (!json.is_object()) return invalid(where, "expected an object");
  for (const auto& [k, v] : json.items())
    if (!kKeys.count(k)) return invalid(where, "unknown key '" + k + "'");
  DetectorSpec d;
  auto str = [&](const char* key, std::string& out, bool required) -> Status {
    auto it = json.find(key);
    if (it == json.end()) return required ? invalid(where, std::string(key) + ": required") : Status{};
    if (!it->is_string()) return invalid(where, std::string(key) + ": expected a string");
    out = it->get<std::string>();
    return {};
  };
  if (auto s = str("id", d.id, true); !s) return s;
  if (!isName(d.id, 64)) return invalid(where, "id: expected [a-z0-9_]{1,64}");
  const std::string at = where + " (" + d.id + ")";
  if (auto s = str("kind", d.kind, false); !s) return s;
  if (d.kind.empty()) d.kind = "secret";
  if (!isName(d.kind, 40)) return invalid(at, "kind: expected [a-z0-9_]{1,40}");
  if (auto s = str("category", d.category, false); !s) return s;
  if (d.category.empty()) d.category = "custom";
  if (auto s = str("description", d.description, false); !s) return s;
  if (auto s = str("regex", d.regex, true); !s) return s;
  if (auto s = str("trigger", d.trigger, false); !s) return s;
  if (auto it = json.find("group"); it != json.end()) {
    if (!it->is_number_integer() || *it < 0) return invalid(at, "group: expected a non-negative integer");
    d.group = it->get<int>();
  }
  if (auto s = readStrings(json, "keywords", d.keywords, at); !s) return s;
  if (auto it = json.find("entropy"); it != json.end()) {
    if (!it->is_number() || *it < 0 || *it > 8) return invalid(at, "entropy: expected 0..8");
    d.entropy = it->get<double>();
  }
  if (auto it = json.find("max_length"); it != json.end()) {
    if (!it->is_number_integer() || *it < 8 || *it > 1048576) return invalid(at, "max_length: expected 8..1048576");
    d.maxLength = it->get<std::size_t>();
  }
  if (auto it = json.find("context"); it != json.end()) {
    if (it->is_string()) {
      auto c = contexts.find(it->get<std::string>());
      if (c == contexts.end()) return invalid(at, "context: unknown context set '" + it->get<std::string>() + "'");
      d.context = c->second;
    } else {
      auto rules = parseContext(*it, at + ": context");
      if (!rules) return rules.status();
      d.context = std::move(rules).value();
    }
  }
  RE2 re(d.regex, RE2::Quiet);
  if (!re.ok()) return invalid(at, "regex: " + re.error());
  if (d.group > re.NumberOfCapturingGroups()) return invalid(at, "group: the regex has fewer capturing groups");
  return d;
}

sdk::Result<PatternPack> parsePatternPack(const Json& json) {
  if (!json.is_object()) return invalid("pattern pack", "expected an object");
  if (json.value("format", std::string()) != kFormat)
    return invalid("pattern pack", "format: expected \"" + std::string(kFormat) + "\"");
  PatternPack pack;
  pack.name = json.value("name", std::string("unnamed"));
  pack.version = json.value("version", std::string("0"));
  if (auto it = json.find("contexts"); it != json.end()) {
    if (!it->is_object()) return invalid("pattern pack", "contexts: expected an object");
    for (const auto& [name, value] : it->items()) {
      auto rules = parseContext(value, "pattern pack: contexts." + name);
      if (!rules) return rules.status();
      pack.contexts.emplace(name, std::move(rules).value());
    }
  }
  auto list = json.find("detectors");
  if (list == json.end() || !list->is_array()) return invalid("pattern pack", "detectors: expected an array");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < list->size(); ++i) {
    auto d = parseDetector((*list)[i], pack.contexts, "pattern pack: detectors[" + std::to_string(i) + "]");
    if (!d) return d.status();
    if (!ids.insert(d->id).second) return invalid("pattern pack", "duplicate detector id '" + d->id + "'");
    pack.detectors.push_back(std::move(d).value());
  }
  return pack;
}

sdk::Result<PatternPack> loadPatternPack(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, "pattern pack: cannot read " + file.string());
  Json json = Json::parse(in, nullptr, false);
  if (json.is_discarded()) return invalid("pattern pack", file.string() + ": not valid JSON");
  auto pack = parsePatternPack(json);
  if (!pack) return pack.status().prefixed(file.filename().string());
  return pack;
}

}  // namespace gateos::plugins::stages::secret_redaction

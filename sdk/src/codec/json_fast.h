#pragma once
// Faster equivalents of nlohmann's parse and dump for whole request bodies
// (a Claude Code request is ~76 KB, mostly tool schemas): translation between
// dialects must stay within its budget (tests/bench/dialects_bench.cpp).
//   parseJson: simdjson's parser, then the same nlohmann DOM Json::parse builds
//              (last duplicate key wins, non-negative integers unsigned); on any
//              simdjson error it calls Json::parse, so errors read as before.
//   dumpJson:  what dump(-1, ' ', false, replace) writes, byte for byte; text
//              with invalid UTF-8 falls back to nlohmann (U+FFFD replacement).
// Thread-safe; parsers are pooled (no thread_local: a plugin may be unloaded).

#include <string>
#include <string_view>

#include "gateos/sdk/json.h"

namespace gateos::sdk::codec::detail {

// Which tool schemas of a request body parseJson keeps as raw JSON text (a
// rawJsonNode) instead of a tree: a coding agent's schemas are most of its
// request, and translation only copies them (ToolDefinition::parametersJson).
// Only object values at these places, and only for tools of the kind the
// decoder reads a schema from; anything else is parsed as usual, so the
// decoders' type errors stay as they are.
enum class RawSchemas {
  kNone,
  kAnthropic,  // tools[i].input_schema (client tools: no type, or "custom")
  kChat,       // tools[i].function.parameters (type "function")
  kResponses,  // tools[i].parameters (type "function")
};

// Throws Json::parse_error exactly where Json::parse(body) does.
Json parseJson(std::string_view body, RawSchemas raw = RawSchemas::kNone);

// Json::parse(body, nullptr, false): a discarded value on any error.
Json parseJsonOrDiscarded(std::string_view body);

// dumpJson writes raw nodes' text verbatim. A raw node is a binary value with
// a private subtype: JSON text never produces one, and nothing but these
// helpers should look inside.
Json rawJsonNode(std::string_view json);
bool isRawJsonNode(const Json& value) noexcept;
std::string_view rawJsonText(const Json& value) noexcept;

std::string dumpJson(const Json& value, std::size_t sizeHint = 4096);

}  // namespace gateos::sdk::codec::detail

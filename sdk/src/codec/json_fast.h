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

// Throws Json::parse_error exactly where Json::parse(body) does.
Json parseJson(std::string_view body);

// Json::parse(body, nullptr, false): a discarded value on any error.
Json parseJsonOrDiscarded(std::string_view body);

std::string dumpJson(const Json& value);

}  // namespace gateos::sdk::codec::detail

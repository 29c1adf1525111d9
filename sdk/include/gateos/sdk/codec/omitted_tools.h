#pragma once
// Tools a request translated to another dialect goes without: built-in tools
// of the client's API that the target cannot run (OpenAI web_search,
// file_search …; Anthropic server tools such as web_search_20250305). The
// encoders leave them out rather than refuse the request — refusing would make
// Codex or Claude Code unusable on every model of another family — and the
// kernel reports them (x-gateos-omitted-tools header, log, metric).

#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/canonical.h"

namespace gateos::sdk::codec {

// The types of the tools the encoder for `targetDialect` (a wire dialect id:
// "openai.chat", "anthropic.messages", "openai.responses", …) leaves out of
// `request`, each once, in order. Function tools (including a Responses
// client's namespace and freeform tools, which decodeRequest turned into
// functions) are never left out.
std::vector<std::string> omittedToolTypes(const ChatRequest& request, std::string_view targetDialect);

}  // namespace gateos::sdk::codec

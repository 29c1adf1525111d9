#pragma once
// Ollama codec, outbound: canonical request → POST /api/chat body (used by
// drivers.ollama). Conventions shared with the inbound side: ollama_types.h.
// Pure, thread-safe, never throws except std::bad_alloc.

#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/codec/ollama_types.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::ollama {

struct EncodeOptions {
  // Provider defaults for `options` (num_ctx …); the request's own values win.
  Json defaultOptions = Json::object();
  // Sent as keep_alive when set and the request has none.
  std::string keepAlive;
};

// The request's `options` object: `defaults`, then the Ollama-only options of
// extra[kPrivateExtraKey].options, then seed / top_k / presence_penalty /
// frequency_penalty from extra (OpenAI / Anthropic names), then maxTokens →
// num_predict, temperature, topP → top_p, stop. Possibly empty.
Json optionsFor(const ChatRequest& request, const Json& defaults = Json::object());

// Encodes a canonical request as an /api/chat body for `upstreamModel`, with
// "stream" always explicit (Ollama streams by default). System and developer
// messages become "system" messages; tool results become "tool" messages with
// tool_name (found through the call id in the history); reasoning becomes
// "thinking"; tool-call arguments become objects; images must be base64 (data
// or a data: URL). keep_alive / think / format come from extra[kPrivateExtraKey]
// (an Ollama client), else format from OpenAI response_format and think from
// reasoning_effort or Anthropic thinking. Errors (kInvalidArgument /
// kUnimplemented, HTTP 400, naming the field): image URLs, tool-call arguments
// that are not a JSON object, content of another dialect with no Ollama form,
// tool_choice "required" or a named tool.
Result<std::string> encodeRequest(const ChatRequest& request, std::string_view upstreamModel,
                                  const EncodeOptions& options = {});

}  // namespace gateos::sdk::codec::ollama

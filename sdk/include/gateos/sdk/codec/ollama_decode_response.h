#pragma once
// Ollama codec, outbound answers: upstream /api/chat answers → canonical
// events (used by drivers.ollama). A stream is decoded line by line by
// StreamDecoder (ollama_stream_decoder.h); a whole answer by decodeResponse.
// Conventions shared with the inbound side: ollama_types.h.
// Pure, thread-safe, never throws except std::bad_alloc.

#include <functional>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/codec/ollama_stream_decoder.h"
#include "gateos/sdk/codec/ollama_types.h"
#include "gateos/sdk/headers.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::ollama {

// Decodes a non-streaming /api/chat answer into the same events a stream
// produces. Validates the JSON before the first callback; an {"error":…}
// body yields statusFromUpstreamError(502, …).
Status decodeResponse(std::string_view body, const std::function<void(const StreamEvent&)>& onEvent);

// prompt_eval_count → inputTokens, eval_count → outputTokens (absent → 0).
Usage usageFromCounts(const Json& line);

// The Status for an upstream non-2xx answer ({"error":"…"} or any JSON /
// HTML body): code from the HTTP status, httpStatus kept, retry-after kept;
// a 4xx message about the context length gets reason "context_length_exceeded".
Status statusFromUpstreamError(int httpStatus, std::string_view body, const Headers& headers);

}  // namespace gateos::sdk::codec::ollama

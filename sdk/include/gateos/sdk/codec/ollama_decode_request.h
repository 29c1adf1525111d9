#pragma once
// Ollama inbound: client bodies → canonical requests (adapters.ollama).
// Conventions in ollama_types.h. Errors are kInvalidArgument naming the field
// ("messages[1].images[0]: expected string, got number"), reason
// "invalid_json" / "invalid_type" / "missing_field"; fields that have no
// translation are kUnimplemented with HTTP 400 naming the field.
// Pure, thread-safe, never throw except std::bad_alloc.

#include <string_view>

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/canonical.h"
#include "gateos/sdk/codec/ollama_types.h"
#include "gateos/sdk/embedding.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::ollama {

// model (string, required) and stream (boolean; Ollama streams unless told
// `"stream": false`). Validates the JSON.
Result<RequestSummary> summarizeRequest(std::string_view body);

// POST /api/chat. Roles system / user / assistant / tool; images (base64, no
// data: prefix) become kImage blocks after the text; assistant `thinking` a
// kReasoning block first; tool_calls kToolCall blocks with arguments as JSON
// text; a tool message a kTool message with one kToolResult block.
Result<ChatRequest> decodeChatRequest(std::string_view body);

// POST /api/generate. `system` becomes a system message, `prompt` (+ images)
// the user message; `raw` is accepted (the prompt is sent as the user turn).
// `suffix`, `template` and `context` cannot be expressed for a chat model:
// non-empty ones are refused (kUnimplemented, HTTP 400).
Result<ChatRequest> decodeGenerateRequest(std::string_view body);

// POST /api/embed {model, input: string | string[], truncate?, dimensions?,
// options?, keep_alive?} and the legacy POST /api/embeddings {model, prompt}
// (singleInput set).
Result<EmbeddingRequest> decodeEmbedRequest(std::string_view body);
Result<EmbeddingRequest> decodeLegacyEmbeddingsRequest(std::string_view body);

// The model of an /api/show body: "model", or the older "name".
Result<std::string> decodeShowModel(std::string_view body);

}  // namespace gateos::sdk::codec::ollama

#pragma once
// OpenAI Responses codec (POST /v1/responses): the one implementation of that
// wire format, shared by the adapters.openai_responses plugin (inbound) and
// drivers.openai in "api": "responses" mode (outbound).
//
//   inbound  (client → canonical): decodeRequest
//   outbound (canonical → upstream): encodeRequest
//   upstream answer → canonical events: StreamDecoder (SSE data), decodeResponse (JSON)
//   canonical events → client: StreamEncoder (SSE), ResponseEncoder (JSON)
//   errors: the OpenAI format (openai_chat::errorBody / statusFromUpstreamError)
//
// Canonical conventions this codec adds (safe for consumers that ignore them):
//   - `instructions` is a leading kSystem message whose Message::extra holds
//     "responses_instructions": true (encodeRequest turns it back into
//     `instructions`; other dialects see a system prompt).
//   - Input items become messages: user / system / developer message items one
//     message each (item fields such as id in Message::extra); consecutive
//     assistant-side items (assistant messages, reasoning, function_call) are
//     merged into one assistant message, the item fields of each riding in its
//     first block's extra["responses_item"] (an object, possibly empty: it also
//     marks where an item starts); function_call_output is a kTool message.
//   - A reasoning item is one kReasoning block per summary / content part, each
//     with extra["reasoning_part"] = "summary_text" | "reasoning_text" (an item
//     without parts: one block with empty text and no reasoning_part).
//   - Parts and items canonical does not model (input_file, input_audio,
//     images by file_id, item_reference, web_search_call …) are kText blocks with
//     empty text and extra {"openai_part": <raw>, "responses_part": "part" or
//     "item"}: a
//     Responses upstream gets them back verbatim, other encoders refuse them.
//   - Tools other than "function" (web_search, namespace, file_search, mcp,
//     custom …) are ToolDefinitions of that type with the raw tool in
//     extra["responses_tool"].
//
// All functions are pure, thread-safe and never throw except std::bad_alloc.

#include <functional>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/codec/openai_responses_response_encoder.h"
#include "gateos/sdk/codec/openai_responses_stream_decoder.h"
#include "gateos/sdk/codec/openai_responses_stream_encoder.h"
#include "gateos/sdk/headers.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::openai_responses {

inline constexpr std::string_view kDialect = "openai.responses";

// Tools other dialects cannot express as such are translated by decodeRequest:
// each function of a `namespace` tool becomes a function tool named
// namespacedToolName(namespace, name), a freeform `custom` tool a function
// with one string parameter "input" (its calls and custom_tool_call history
// items carry {"input": text} as arguments, custom_tool_call_output items are
// tool results). The original tools ride along for a Responses upstream. The
// client's names of the renamed tools are recorded in
// request.extra[kClientToolNames] (a private key, never sent upstream):
//   {"<name sent upstream>": {"namespace": ns, "name": n} | {"custom": n}}
// The kernel passes that object to the client's encoder in
// RequestContext::annotations[kClientToolNames]; the encoders then answer the
// model's calls as function_call items with `namespace` / custom_tool_call items.
inline constexpr std::string_view kClientToolNames = "gateos.tool_names";

// "<namespace>__<name>" ("<namespace><name>" when the namespace already ends in "__").
std::string namespacedToolName(std::string_view ns, std::string_view name);

// Decodes a client's POST /v1/responses body. `input` may be a string (one
// user message) or an array of items; `max_output_tokens` sets maxTokens; every
// top-level field canonical does not model (store, include, reasoning, text,
// previous_response_id, prompt_cache_key, client_metadata, unknown ones) stays
// in request.extra. Errors: kInvalidArgument naming the field
// ("input[2].call_id: required"), reason "invalid_json" / "invalid_type" /
// "missing_field" / "invalid_value", param set to the field.
Result<ChatRequest> decodeRequest(std::string_view body);

struct EncodeOptions {
  // The canonical request was decoded from a Responses client: every extra
  // field (request, item, part) is forwarded as it came. Otherwise only fields
  // the Responses API also has are forwarded, Chat Completions spellings are
  // translated (reasoning_effort → reasoning.effort, response_format →
  // text.format, verbosity → text.verbosity), reasoning from other providers is
  // left out and store is false (a Chat Completions client expects nothing kept).
  bool sameDialect = false;
};

// Encodes a canonical request as an upstream Responses body for `upstreamModel`.
// Errors (HTTP 400, naming the field): stop sequences (the Responses API has
// none), content of another dialect that has no Responses form.
Result<std::string> encodeRequest(const ChatRequest& request, std::string_view upstreamModel,
                                  const EncodeOptions& options = {});

// Decodes a non-streaming Response object into the same events a stream
// produces (canonical index = output index): kStart, per output item its
// deltas then kBlockStop, kUsage, kFinish. Validates before the first callback.
// A failed response or an {"error":…} body yields the upstream error.
Status decodeResponse(std::string_view body, const std::function<void(const StreamEvent&)>& onEvent);

// The Status for the error object of a failed response or an in-stream error
// event ({code, message}): rate_limit_exceeded → 429, server_error → 500,
// server_is_overloaded → 503, invalid_* / context_length_exceeded → 400,
// others 502 (kUpstreamError); code kept as reason.
Status statusFromErrorObject(const Json& error);

// A Responses-only feature the target API cannot serve (previous_response_id,
// conversation, prompt, background, a tool_choice forcing a built-in tool), as
// a kUnimplemented status with HTTP 400 naming it, or a namespace function whose
// flattened name the target refuses (^[a-zA-Z0-9_-]{1,64}$); OK when there is none.
// Encoders of other dialects call it when the request is not their own.
Status requireTranslatable(const ChatRequest& request, std::string_view targetApi);

// Canonical Usage ↔ Responses usage objects ({input_tokens,
// input_tokens_details.cached_tokens, output_tokens,
// output_tokens_details.reasoning_tokens, total_tokens}).
Usage usageFromJson(const Json& usage);
void appendUsageJson(std::string& out, const Usage& usage);

}  // namespace gateos::sdk::codec::openai_responses

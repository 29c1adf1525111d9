#pragma once
// Anthropic Messages codec: the one implementation of that wire format, shared
// by the adapters.anthropic_messages plugin (inbound) and the drivers.anthropic
// plugin (outbound).
//
//   inbound  (client → canonical): decodeRequest
//   outbound (canonical → upstream): encodeRequest
//   upstream answer → canonical events: StreamDecoder (SSE data), decodeResponse (JSON)
//   canonical events → client: StreamEncoder (SSE), MessageEncoder (JSON)
//   errors: errorBody (render), statusFromUpstreamError (parse)
//
// Canonical conventions this codec adds (safe for consumers that ignore them):
//   - A thinking block's signature rides in ContentBlock::extra["signature"];
//     a redacted_thinking block is a kReasoning block with empty text and
//     extra {"anthropic_type": "redacted_thinking", "data": …}.
//   - In events, a kReasoningDelta with empty `text`, `name` == "signature" and
//     the signature piece in `id` carries a signature_delta; `name` ==
//     "redacted_thinking" with the data in `id` carries a redacted_thinking
//     block. Encoders that do not know them see an empty reasoning delta.
//   - kFinish with finishReason kStop and a non-empty `text` means the model
//     stopped on that stop sequence (stop_reason "stop_sequence").
//   - tool_choice.disable_parallel_tool_use: true ↔ extra["parallel_tool_calls"] = false
//     (the OpenAI name, so the other dialects translate it for free).
//   - Blocks of types canonical does not model (document, search_result,
//     server_tool_use, web_search_tool_result …) are kText blocks with empty
//     text and the raw block in extra["anthropic_block"].
//
// All functions are pure, thread-safe and never throw except std::bad_alloc.

#include <functional>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/codec/anthropic_messages_message_encoder.h"
#include "gateos/sdk/codec/anthropic_messages_stream_decoder.h"
#include "gateos/sdk/codec/anthropic_messages_stream_encoder.h"
#include "gateos/sdk/headers.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::anthropic_messages {

inline constexpr std::string_view kDialect = "anthropic.messages";

// Decodes a client's POST /v1/messages (or /v1/messages/count_tokens) body.
// `system` (string or text blocks) becomes a leading kSystem message;
// `role: "system"` entries inside `messages` stay kSystem messages in place.
// Top-level fields canonical does not model (metadata, thinking, top_k,
// context_management, output_config, service_tier, unknown ones) are kept in
// request.extra; block fields (cache_control, citations …) in the block's
// extra; server tools whole in ToolDefinition::extra["anthropic_tool"].
// Errors: kInvalidArgument naming the field ("messages[1].content[0].type:
// expected string, got number"), reason "invalid_json" / "invalid_type" /
// "missing_field" / "invalid_value".
Result<ChatRequest> decodeRequest(std::string_view body);

struct EncodeOptions {
  // The canonical request was decoded from an Anthropic client: every extra
  // field is forwarded and system messages after the first turn stay in
  // `messages` (Claude Code's mid-conversation-system beta). Otherwise only
  // Anthropic fields are forwarded (top_k, thinking, output_config,
  // context_management, metadata.user_id; OpenAI `user` → metadata.user_id)
  // and every system / developer message is folded into `system`.
  bool sameDialect = false;
  // Anthropic requires max_tokens; used when the request has none.
  std::int64_t defaultMaxTokens = 4096;
};

// Encodes a canonical request as an upstream Messages body for `upstreamModel`.
// Tool results become user tool_result blocks (consecutive ones in one user
// turn); tool-call arguments (JSON text) become tool_use input objects;
// reasoning without a signature is left out (Anthropic would refuse it);
// data: URLs become base64 image sources. Errors (kInvalidArgument /
// kUnimplemented with HTTP 400, naming the field): tool-call arguments that are
// not a JSON object, content of another dialect that has no Anthropic form.
// Tools of other dialects with no Anthropic counterpart (OpenAI web_search,
// namespace) are left out: they widen what the model may do, not what it is told.
Result<std::string> encodeRequest(const ChatRequest& request, std::string_view upstreamModel,
                                  const EncodeOptions& options = {});

// Decodes a non-streaming Messages body into the same events a stream
// produces: kStart, per content block its deltas then kBlockStop (index = the
// block's position), kUsage, kFinish. Validates before the first callback, so
// an error means no event was emitted. A {"type":"error"} body yields the
// matching upstream error.
Status decodeResponse(std::string_view body, const std::function<void(const StreamEvent&)>& onEvent);

// {"type":"error","error":{"type","message"}}. type is status.errorType() when
// it is an Anthropic error type, else derived from the HTTP status:
// 400 invalid_request_error, 401 authentication_error, 402 billing_error,
// 403 permission_error, 404 not_found_error, 413 request_too_large,
// 429 rate_limit_error, 504 timeout_error, 529 / 503 overloaded_error,
// other 5xx api_error.
std::string errorBody(const Status& status);

// The Anthropic error type for a status (as errorBody picks it).
std::string_view errorTypeFor(const Status& status);

// The HTTP status Anthropic uses for an error type (overloaded_error → 529,
// rate_limit_error → 429 …; unknown → 500). For in-stream error events.
int httpStatusForErrorType(std::string_view type) noexcept;

// The Status for an upstream non-2xx answer: HTTP status kept (withHttpStatus;
// 529 stays 529 with code kUnavailable), error.message, error.type
// (withErrorType), retry-after (seconds, or retry-after-ms rounded up).
// Non-JSON bodies give "http 502: <title or short excerpt>".
Status statusFromUpstreamError(int httpStatus, std::string_view body, const Headers& headers);

// end_turn / stop_sequence / pause_turn → kStop, max_tokens /
// model_context_window_exceeded → kLength, tool_use → kToolCalls,
// refusal → kContentFilter; unknown → kStop.
FinishReason finishReasonFromString(std::string_view reason) noexcept;
// kStop / kNone / kError → "end_turn", kLength → "max_tokens",
// kToolCalls → "tool_use", kContentFilter → "refusal".
std::string_view finishReasonToString(FinishReason reason) noexcept;

// Anthropic usage objects ↔ canonical Usage. inputTokens is input_tokens +
// cache_read_input_tokens + cache_creation_input_tokens (all prompt tokens, as
// the other dialects count them); usageToJson splits them back.
Usage usageFromJson(const Json& usage);
// Updates only the fields present in `usage` (message_delta carries a subset).
void mergeUsage(Usage& into, const Json& usage);
Json usageToJson(const Usage& usage);

}  // namespace gateos::sdk::codec::anthropic_messages

#pragma once
// OpenAI Chat Completions codec: the one implementation of that wire format,
// shared by the kernel's built-in inbound adapter and the drivers.openai plugin.
//
//   inbound  (client → canonical): decodeRequest
//   outbound (canonical → upstream): encodeRequest
//   upstream answer → canonical events: StreamDecoder (SSE chunks), decodeResponse (JSON)
//   canonical events → client: ChunkEncoder (SSE), CompletionEncoder (JSON)
//   errors: errorBody (render), statusFromUpstreamError (parse)
//
// All functions are pure, thread-safe and never throw except std::bad_alloc.

#include <functional>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/codec/openai_chat_chunk_encoder.h"
#include "gateos/sdk/codec/openai_chat_completion_encoder.h"
#include "gateos/sdk/codec/openai_chat_stream_decoder.h"
#include "gateos/sdk/headers.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::openai_chat {

inline constexpr std::string_view kDialect = "openai.chat";

// Decodes a client's POST /v1/chat/completions body into the canonical model.
// Unknown top-level, message, content-part and tool fields are kept in the
// matching `extra` (content parts of unknown types become kText blocks with an
// empty text and the raw part in extra["openai_part"]). "max_completion_tokens"
// sets maxTokens and stays in extra so encodeRequest sends the same key back.
// Errors: kInvalidArgument, "invalid JSON: …" or naming the field
// ("messages[2].content: expected string or array"); reason "invalid_json" /
// "invalid_type" / "missing_field".
Result<ChatRequest> decodeRequest(std::string_view body);

// Encodes a canonical request as the upstream body with `upstreamModel`. Extra
// fields are re-emitted; a streaming request always asks for
// stream_options.include_usage so that usage can be metered. Canonical input
// from other dialects is reshaped as OpenAI expects (tool results become "tool"
// messages, reasoning blocks are dropped, base64 images become data: URLs).
std::string encodeRequest(const ChatRequest& request, std::string_view upstreamModel);

struct EncodeOptions {
  // The canonical request was decoded from a Chat Completions client: every
  // extra field is forwarded (the overload above). Otherwise only Chat
  // Completions fields are forwarded: request extras from a list (seed,
  // response_format, parallel_tool_calls, user …; the Responses API's
  // reasoning.effort / text.format / text.verbosity translated), no message or
  // part extras, "developer" sent as "system", tools other than "function"
  // left out (built-in tools of other APIs: they widen what the model may do,
  // not what it is told), and Responses-only features refused
  // (openai_responses::requireTranslatable).
  bool sameDialect = true;
};

// encodeRequest with options; errors only for features that cannot be translated.
Result<std::string> encodeRequest(const ChatRequest& request, std::string_view upstreamModel,
                                  const EncodeOptions& options);

// Decodes a non-streaming chat.completion body into the same events a stream
// produces: kStart, deltas per block (reasoning, text, tool calls) each closed
// by kBlockStop, kUsage, kFinish. Validates everything before the first
// callback, so an error means no event was emitted. An {"error":…} body yields
// statusFromUpstreamError(502, …).
Status decodeResponse(std::string_view body, const std::function<void(const StreamEvent&)>& onEvent);

// {"error":{"message","type","param":null,"code"}} for a status. type is the
// status's errorType() if set, else derived from its HTTP status
// (invalid_request_error, authentication_error, permission_error,
// rate_limit_error / insufficient_quota, timeout, api_error); code is
// status.reason() or null.
std::string errorBody(const Status& status);

// The Status for an upstream non-2xx answer: code mapped from the HTTP status,
// httpStatus kept (withHttpStatus), the upstream message, type (withErrorType)
// and code (withReason), retry-after (seconds, or retry-after-ms rounded up).
// Non-JSON bodies (HTML 502 pages) give "http 502: <title or short excerpt>".
Status statusFromUpstreamError(int httpStatus, std::string_view body, const Headers& headers);

// The canonical finish reason for an OpenAI finish_reason string (unknown → kStop).
FinishReason finishReasonFromString(std::string_view reason) noexcept;
// The OpenAI finish_reason for a canonical one (kNone → "stop").
std::string_view finishReasonToString(FinishReason reason) noexcept;

}  // namespace gateos::sdk::codec::openai_chat

#pragma once
// Google Gemini codec (generateContent / streamGenerateContent, API v1beta):
// the one implementation of that wire format, used by drivers.gemini.
//
//   outbound (canonical → upstream): encodeRequest
//   upstream answer → canonical events: StreamDecoder (SSE data of
//             streamGenerateContent?alt=sse, gemini_stream_decoder.h),
//             decodeResponse (a whole GenerateContentResponse)
//   errors:   statusFromUpstreamError (google.rpc.Status bodies)
//   models:   parseModelList (GET /v1beta/models)
//
// Canonical conventions of this codec:
//   - Gemini sends every functionCall whole (args as an object): one
//     kToolCallStart + one kToolCallDelta (the args as JSON text) + kBlockStop.
//   - Calls get an id ("call_" + hex, or Gemini's own id). When the part
//     carries a thoughtSignature (Gemini 3 needs it back on the next turn), the
//     id is "<id>__ts__<signature as base64url>", so the signature survives
//     every client dialect; encodeRequest splits it off again. A call without
//     one is sent back with Google's documented placeholder signature.
//   - Tool results become functionResponse parts named after their call (found
//     through the call id in the history); the response object is the result
//     when it is a JSON object, else {"result": text} ({"error": text} for
//     errors).
//   - Parts with "thought": true are reasoning (kReasoningDelta).
//   - Usage: inputTokens = promptTokenCount (+ toolUsePromptTokenCount),
//     cacheReadTokens = cachedContentTokenCount, outputTokens =
//     candidatesTokenCount + thoughtsTokenCount, reasoningTokens = thoughtsTokenCount.
//
// All functions are pure, thread-safe and never throw except std::bad_alloc.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/codec/gemini_stream_decoder.h"
#include "gateos/sdk/driver.h"
#include "gateos/sdk/headers.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::gemini {

inline constexpr std::string_view kDialect = "gemini.generate_content";

// Encodes a canonical request as a generateContent body (the model is in the
// URL, not the body). System and developer messages fold into
// systemInstruction; assistant turns are role "model"; tool results are user
// functionResponse parts; images must be base64 (data or data: URL);
// reasoning of other providers is left out; maxTokens, temperature, topP,
// stop, top_k, seed, response_format, Anthropic thinking → generationConfig;
// tool_choice → toolConfig.functionCallingConfig; tool schemas are sent as
// parametersJsonSchema (full JSON Schema). Errors (HTTP 400, naming the field):
// image URLs, arguments that are not a JSON object, content of another dialect
// with no Gemini form.
Result<std::string> encodeRequest(const ChatRequest& request);

// Decodes a non-streaming GenerateContentResponse into the same events a
// stream produces. Validates the JSON before the first callback.
Status decodeResponse(std::string_view body, const std::function<void(const StreamEvent&)>& onEvent);

// STOP → kStop (kToolCalls when the answer called a function), MAX_TOKENS →
// kLength, SAFETY / RECITATION / BLOCKLIST / PROHIBITED_CONTENT / SPII /
// IMAGE_SAFETY → kContentFilter, MALFORMED_FUNCTION_CALL → kError, else kStop.
FinishReason finishReasonFromString(std::string_view reason, bool calledFunction) noexcept;

Usage usageFromJson(const Json& usageMetadata);

// The Status for an upstream non-2xx answer ({"error":{code,message,status,
// details}} or an array of one): 400 INVALID_ARGUMENT → kInvalidArgument
// (reason "context_length_exceeded" when the input is too long), an invalid
// API key (400 API_KEY_INVALID) → kUnauthenticated with HTTP 401, 401/403 →
// kUnauthenticated/kPermissionDenied, 404 → kNotFound, 429 RESOURCE_EXHAUSTED
// → kRateLimited with retry-after from the header or RetryInfo.retryDelay,
// 503 UNAVAILABLE → kUnavailable (HTTP 503, "overloaded" for Anthropic
// clients), 504 → kDeadlineExceeded. Reason is Gemini's status string unless
// said otherwise. Non-JSON bodies give "http 502: <title or short excerpt>".
Status statusFromUpstreamError(int httpStatus, std::string_view body, const Headers& headers);

// Parses {"models":[{"name":"models/…","supportedGenerationMethods":[…]}…]}:
// the models that support generateContent, ids without "models/".
Result<std::vector<ModelInfo>> parseModelList(std::string_view body);

// Tool-call ids with an embedded thought signature (see above).
std::string toolCallId(std::string_view baseId, std::string_view thoughtSignature);
// Splits an id made by toolCallId: {base id, signature (standard base64) or ""}.
std::pair<std::string, std::string> splitToolCallId(std::string_view id);

}  // namespace gateos::sdk::codec::gemini

#pragma once
// Ollama API wire format: what the inbound adapter (adapters.ollama) and the
// outbound driver (drivers.ollama) share. Header only, no state.
//
//   inbound  (client → canonical, canonical → client): ollama_decode_request.h,
//            ollama_encode_response.h
//   outbound (canonical → upstream, upstream → canonical): ollama_encode_request.h,
//            ollama_decode_response.h
//
// The wire format in one paragraph: POST /api/chat {model, messages[{role,
// content, images[base64], thinking, tool_calls[{id?, function{index?, name,
// arguments: object}}], tool_name, tool_call_id?}], tools[{type:"function",
// function{name, description, parameters}}], format ("json" | JSON schema),
// options{temperature, top_p, top_k, num_predict, stop, seed, num_ctx …},
// stream (default true!), keep_alive, think}. POST /api/generate {model, prompt,
// suffix, system, template, context, raw, images, format, options, stream,
// keep_alive, think}. Answers: NDJSON lines (application/x-ndjson) while
// streaming, one object otherwise; every line {model, created_at, message{role,
// content, thinking?, tool_calls?} | response, done:false}; the last one
// done:true with done_reason, total_duration, load_duration (ns),
// prompt_eval_count, prompt_eval_duration, eval_count, eval_duration. Tool
// calls arrive whole (arguments as a JSON object), never in pieces. Errors:
// {"error": "<message>"} with an HTTP status, and as one NDJSON line mid-stream.
//
// Canonical conventions (both directions follow them):
//   - Ollama fields canonical has an OpenAI name for live in ChatRequest::extra
//     under that name, so other drivers forward them for free: options.seed →
//     "seed", options.presence_penalty / frequency_penalty → same names,
//     format "json" → "response_format": {"type":"json_object"}, format
//     <schema> → "response_format": {"type":"json_schema","json_schema":
//     {"name":"response","schema":<schema>}}. options.num_predict → maxTokens
//     (values <= 0 mean "no limit" and are left out), options.stop → stop,
//     options.temperature / top_p → temperature / topP, options.top_k →
//     extra "top_k" (the Anthropic name).
//   - Fields only an Ollama runtime understands (the remaining options such as
//     num_ctx, keep_alive, think, and the raw format value) live in
//     extra[kPrivateExtraKey] as {"options": {…}, "keep_alive": …, "think": …,
//     "format": …}. Keys starting with "gateos." are private to one dialect:
//     encoders of other dialects never forward them (sdk::isPrivateExtraKey).
//   - Ollama tool calls may carry no id: the decoder gives each one a stable id
//     ("call_<message>_<n>"), and a tool message without tool_call_id answers
//     the oldest unanswered call of the same tool_name (else the oldest one).

#include <cstdint>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"

namespace gateos::sdk::codec::ollama {

// The dialect of /api/chat and /api/generate bodies. A driver that passes a
// client's body through must post it to the path the client used
// (UpstreamCall::context->path): /api/chat and /api/generate bodies differ.
inline constexpr std::string_view kDialect = "ollama";

inline constexpr std::string_view kChatPath = "/api/chat";
inline constexpr std::string_view kGeneratePath = "/api/generate";
inline constexpr std::string_view kEmbedPath = "/api/embed";
inline constexpr std::string_view kLegacyEmbeddingsPath = "/api/embeddings";
inline constexpr std::string_view kTagsPath = "/api/tags";

inline constexpr std::string_view kNdjsonContentType = "application/x-ndjson";

// Where Ollama-only request fields ride in ChatRequest::extra (see above).
inline constexpr std::string_view kPrivateExtraKey = "gateos.ollama";

// Ollama done_reason values: "stop", "length", "load", "unload". Tool calls end
// with "stop" in Ollama.
constexpr FinishReason finishReasonFromDoneReason(std::string_view reason) noexcept {
  if (reason == "length") return FinishReason::kLength;
  return FinishReason::kStop;
}
constexpr std::string_view doneReasonFor(FinishReason reason) noexcept {
  return reason == FinishReason::kLength ? std::string_view("length") : std::string_view("stop");
}

// Usage ↔ the final line's counters.
inline constexpr std::string_view kPromptEvalCountField = "prompt_eval_count";
inline constexpr std::string_view kEvalCountField = "eval_count";

}  // namespace gateos::sdk::codec::ollama

#pragma once
// OpenAI Embeddings wire format (POST /v1/embeddings), shared by the kernel's
// inbound route and the drivers.openai plugin.
//
//   inbound:  decodeRequest (client body → canonical), encodeResponse (→ client)
//   outbound: encodeRequest (canonical → upstream), decodeResponse (upstream → canonical)
//   errors:   the Chat Completions ones (openai_chat::errorBody, statusFromUpstreamError)
//
// Vectors travel as JSON number arrays ("float") or as base64 of little-endian
// float32 values ("base64", the official SDKs' default). All functions are
// pure, thread-safe and never throw except std::bad_alloc.

#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/embedding.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::codec::openai_embeddings {

inline constexpr std::string_view kDialect = "openai.embeddings";

// {model, input: string | string[] | int[] | int[][], encoding_format?:
// "float" | "base64", dimensions?: int >= 1, user?: string}; other fields go to
// extra. Errors: kInvalidArgument naming the field, with withParam set
// ("input: expected a string, an array of strings or token arrays").
Result<EmbeddingRequest> decodeRequest(std::string_view body);

// The upstream body for `upstreamModel`, asking for `encoding`; extra fields
// are forwarded (dialect-private ones excepted).
std::string encodeRequest(const EmbeddingRequest& request, std::string_view upstreamModel, EmbeddingEncoding encoding);

// An upstream {"object":"list","data":[{index, embedding}], model, usage}
// answer; each embedding a number array or a base64 string. Vectors are put in
// `index` order. Errors: kUpstreamError (HTTP 502) naming what is wrong.
Result<EmbeddingResponse> decodeResponse(std::string_view body);

// The client's answer: {"object":"list","data":[{"object":"embedding",
// "index","embedding"}],"model","usage":{"prompt_tokens","total_tokens"}}.
std::string encodeResponse(const EmbeddingResponse& response, std::string_view model, EmbeddingEncoding encoding);

// Float32 vector ↔ base64 of its little-endian bytes.
void appendBase64Vector(std::string& out, const std::vector<float>& vector);
bool decodeBase64Vector(std::string_view text, std::vector<float>& out);

// Appends `value` as the shortest JSON number that reads back as the same float
// (non-finite values become 0).
void appendFloat(std::string& out, float value);

}  // namespace gateos::sdk::codec::openai_embeddings

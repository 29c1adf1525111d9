#pragma once
// The canonical embedding request and answer, between inbound dialects
// (OpenAI /v1/embeddings, Ollama /api/embed …) and drivers (Provider::embed).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/json.h"

namespace gateos::sdk {

// One input: text, or pre-tokenised input (OpenAI accepts token arrays).
struct EmbeddingInput {
  std::string text;
  std::vector<int64_t> tokens;
  bool isTokens = false;
};

enum class EmbeddingEncoding {
  kFloat,   // JSON arrays of numbers
  kBase64,  // base64 of little-endian float32 values (the OpenAI SDK's default)
};

struct EmbeddingRequest {
  std::string model;  // as the client asked (before routing)
  std::vector<EmbeddingInput> inputs;
  // True when the client sent one input rather than an array of them (Ollama's
  // legacy /api/embeddings answers one vector then).
  bool singleInput = false;
  std::optional<int64_t> dimensions;  // shorten vectors (models that support it)
  // How the client wants the vectors; drivers may ask the upstream for either
  // and always hand back floats.
  EmbeddingEncoding encoding = EmbeddingEncoding::kFloat;
  std::string user;
  Json extra = Json::object();  // unmodelled fields (truncate, keep_alive …)
};

struct EmbeddingResponse {
  std::string model;                        // as the provider reported it (may be empty)
  std::vector<std::vector<float>> vectors;  // one per input, in input order
  Usage usage;                              // inputTokens (= total for embeddings)
};

}  // namespace gateos::sdk

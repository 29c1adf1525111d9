#include <cmath>

#include "mock_provider.h"

namespace gateos::plugins::drivers::mock {
namespace {

uint64_t fnv1a(const void* data, std::size_t size, uint64_t h = 1469598103934665603ull) {
  const auto* bytes = static_cast<const unsigned char*>(data);
  for (std::size_t i = 0; i < size; ++i) h = (h ^ bytes[i]) * 1099511628211ull;
  return h;
}

uint64_t splitmix(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

}  // namespace

std::vector<float> mockEmbedding(const sdk::EmbeddingInput& input, int64_t dimensions) {
  uint64_t state = input.isTokens ? fnv1a(input.tokens.data(), input.tokens.size() * sizeof(int64_t), 7)
                                  : fnv1a(input.text.data(), input.text.size());
  std::vector<float> out(static_cast<std::size_t>(std::max<int64_t>(dimensions, 1)));
  double norm = 0;
  for (auto& v : out) {
    // Uniform in [-1, 1) from the top 24 bits: exactly representable as float.
    v = static_cast<float>(static_cast<double>(splitmix(state) >> 40) / static_cast<double>(1ull << 23) - 1.0);
    norm += static_cast<double>(v) * v;
  }
  norm = std::sqrt(norm);
  if (norm > 0)
    for (auto& v : out) v = static_cast<float>(v / norm);
  return out;
}

std::unique_ptr<sdk::UpstreamCallHandle> MockProvider::embed(const sdk::EmbeddingCall& call,
                                                            sdk::EmbeddingDone done) noexcept {
  try {
    if (call.context == nullptr || call.context->executor == nullptr || call.request == nullptr) return nullptr;
    const auto& request = *call.request;
    std::string_view model = call.upstreamModel.empty() ? std::string_view(request.model) : call.upstreamModel;
    sdk::Result<sdk::EmbeddingResponse> result = sdk::Status();
    if (!serves(model)) {
      result = sdk::Status(sdk::StatusCode::kNotFound, "provider " + name_ + ": model \"" + std::string(model) + "\" not found")
                   .withReason("model_not_found");
    } else if (request.dimensions && *request.dimensions > 4096) {
      result = sdk::Status(sdk::StatusCode::kInvalidArgument, "provider " + name_ + ": dimensions: at most 4096")
                   .withParam("dimensions");
    } else {
      sdk::EmbeddingResponse response;
      response.model = std::string(model);
      for (const auto& input : request.inputs) {
        response.vectors.push_back(mockEmbedding(input, request.dimensions.value_or(kMockEmbeddingDimensions)));
        response.usage.inputTokens +=
            input.isTokens ? static_cast<int64_t>(input.tokens.size()) : tokensFor(countChars(input.text));
      }
      result = std::move(response);
    }
    // Never inline: the kernel expects `done` on a later turn of the executor.
    call.context->executor->post([done = std::move(done), result = std::move(result)]() mutable { done(std::move(result)); });
  } catch (...) {
  }
  return nullptr;
}

}  // namespace gateos::plugins::drivers::mock

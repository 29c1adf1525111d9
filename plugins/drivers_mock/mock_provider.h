#pragma once
// One configured mock provider: immutable options, answers built per call.
//   model "tools": a tool call to the request's first tool with arguments
//                  {"input": <last user text>} (plain text without tools);
//   any other configured model: the reply template.
// embed(): any configured model answers deterministic unit vectors derived
// from each input (mockEmbedding), `dimensions` long (default 8).
// Usage: input = ceil(characters of all message text / 4), output likewise.

#include <string>

#include "gateos/sdk/driver.h"
#include "mock_options.h"

namespace gateos::plugins::drivers::mock {

class MockProvider final : public sdk::Provider {
 public:
  MockProvider(std::string name, MockOptions options);

  std::string_view wireDialect() const noexcept override { return {}; }
  std::unique_ptr<sdk::UpstreamCallHandle> send(const sdk::UpstreamCall& call,
                                                std::shared_ptr<sdk::ResponseSink> sink) noexcept override;
  std::unique_ptr<sdk::UpstreamCallHandle> embed(const sdk::EmbeddingCall& call, sdk::EmbeddingDone done) noexcept override;
  std::vector<sdk::ModelInfo> configuredModels() const override;
  void discoverModels(sdk::Executor& executor,
                      std::function<void(sdk::Result<std::vector<sdk::ModelInfo>>)> done) noexcept override;

  // Exposed for tests: the template with {{last_user}} / {{model}} filled in.
  std::string renderReply(const sdk::ChatRequest& request, std::string_view model) const;

 private:
  bool serves(std::string_view model) const;

  std::string name_;
  MockOptions options_;
};

inline constexpr int64_t kMockEmbeddingDimensions = 8;

// The mock's vector for one input: `dimensions` values from a generator seeded
// with the input (text bytes or token ids), scaled to unit length. Same input,
// same vector; different inputs differ.
std::vector<float> mockEmbedding(const sdk::EmbeddingInput& input, int64_t dimensions);

// Characters (UTF-8 code points) in `text`.
std::size_t countChars(std::string_view text) noexcept;
// ceil(chars / 4).
int64_t tokensFor(std::size_t chars) noexcept;
// Splits into at most `pieces` non-empty parts at code-point boundaries, as even as possible.
std::vector<std::string> splitText(std::string_view text, int pieces);

}  // namespace gateos::plugins::drivers::mock

#include "mock_provider.h"

#include <algorithm>

#include "mock_call.h"

namespace gateos::plugins::drivers::mock {

std::size_t countChars(std::string_view text) noexcept {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

int64_t tokensFor(std::size_t chars) noexcept { return static_cast<int64_t>((chars + 3) / 4); }

std::vector<std::string> splitText(std::string_view text, int pieces) {
  std::vector<std::size_t> starts;  // byte offset of every code point
  for (std::size_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  std::size_t chars = starts.size();
  std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(std::max(pieces, 1)), chars);
  std::vector<std::string> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t from = starts[i * chars / n];
    std::size_t to = (i + 1) * chars / n < chars ? starts[(i + 1) * chars / n] : text.size();
    out.emplace_back(text.substr(from, to - from));
  }
  return out;
}

namespace {

void replaceAll(std::string& s, std::string_view from, std::string_view to) {
  for (std::size_t pos = s.find(from); pos != std::string::npos; pos = s.find(from, pos + to.size()))
    s.replace(pos, from.size(), to);
}

std::size_t requestChars(const sdk::ChatRequest& request) {
  std::size_t chars = 0;
  for (const auto& m : request.messages)
    for (const auto& b : m.content)
      if (b.type == sdk::ContentBlock::Type::kText || b.type == sdk::ContentBlock::Type::kToolResult)
        chars += countChars(b.text);
  return chars;
}

}  // namespace

MockProvider::MockProvider(std::string name, MockOptions options) : name_(std::move(name)), options_(std::move(options)) {}

bool MockProvider::serves(std::string_view model) const {
  return std::find(options_.models.begin(), options_.models.end(), model) != options_.models.end();
}

std::string MockProvider::renderReply(const sdk::ChatRequest& request, std::string_view model) const {
  std::string out = options_.reply;
  replaceAll(out, "{{last_user}}", request.lastUserText());
  replaceAll(out, "{{model}}", model);
  return out;
}

std::unique_ptr<sdk::UpstreamCallHandle> MockProvider::send(const sdk::UpstreamCall& call,
                                                           std::shared_ptr<sdk::ResponseSink> sink) noexcept {
  try {
    if (call.context == nullptr || call.context->executor == nullptr || call.request == nullptr) {
      sink->onComplete(sdk::Status(sdk::StatusCode::kInternal,
                                   "provider " + name_ + ": a canonical request and an executor are required"));
      return nullptr;
    }
    const auto& request = *call.request;
    std::string_view model = call.upstreamModel.empty() ? std::string_view(request.model) : call.upstreamModel;
    if (!serves(model)) {
      auto status = sdk::Status(sdk::StatusCode::kNotFound,
                                "provider " + name_ + ": model \"" + std::string(model) + "\" not found")
                        .withReason("model_not_found");
      call.context->executor->post([sink, status] { sink->onComplete(status); });
      return nullptr;
    }
    MockAnswer answer;
    answer.id = "chatcmpl-mock" + (call.context->requestId.empty() ? std::string() : "-" + call.context->requestId);
    answer.model = std::string(model);
    answer.streaming = request.stream;
    std::string output;
    if (model == "tools" && !request.tools.empty()) {
      answer.toolCall = true;
      answer.toolCallId = "call_mock_0";
      answer.toolName = request.tools.front().name;
      output = sdk::Json{{"input", request.lastUserText()}}.dump(-1, ' ', false, sdk::Json::error_handler_t::replace);
      answer.finishReason = sdk::FinishReason::kToolCalls;
    } else {
      output = renderReply(request, model);
    }
    answer.usage.inputTokens = tokensFor(requestChars(request));
    answer.usage.outputTokens = tokensFor(countChars(output));
    answer.pieces = splitText(output, options_.chunkCount);
    auto state = std::make_shared<MockCall>(*call.context->executor, std::move(sink), std::move(answer),
                                            options_.chunkDelayMs);
    state->start();
    return std::make_unique<MockCallHandle>(std::move(state));
  } catch (const std::exception& e) {
    if (sink) sink->onComplete(sdk::Status(sdk::StatusCode::kInternal, "provider " + name_ + ": " + e.what()));
    return nullptr;
  }
}

std::vector<sdk::ModelInfo> MockProvider::configuredModels() const {
  std::vector<sdk::ModelInfo> out;
  for (const auto& m : options_.models) out.push_back({.id = m, .ownedBy = "gateos-mock"});
  return out;
}

void MockProvider::discoverModels(sdk::Executor& executor,
                                  std::function<void(sdk::Result<std::vector<sdk::ModelInfo>>)> done) noexcept {
  try {
    executor.post([models = configuredModels(), done = std::move(done)] { done(models); });
  } catch (...) {
  }
}

}  // namespace gateos::plugins::drivers::mock

#pragma once
// Builds a ChatResponse from canonical events, so non-streaming answers go
// through exactly the same event path as streams.

#include <map>

#include "gateos/sdk/canonical.h"

namespace gateos::sdk {

class ResponseAccumulator {
 public:
  void add(const StreamEvent& e) {
    switch (e.type) {
      case StreamEvent::Type::kStart:
        response_.id = std::string(e.id);
        if (!e.name.empty()) response_.model = std::string(e.name);
        break;
      case StreamEvent::Type::kTextDelta:
        block(e.index, ContentBlock::Type::kText).text.append(e.text);
        break;
      case StreamEvent::Type::kReasoningDelta:
        block(e.index, ContentBlock::Type::kReasoning).text.append(e.text);
        break;
      case StreamEvent::Type::kToolCallStart: {
        auto& b = block(e.index, ContentBlock::Type::kToolCall);
        b.toolCallId = std::string(e.id);
        b.toolName = std::string(e.name);
        break;
      }
      case StreamEvent::Type::kToolCallDelta:
        block(e.index, ContentBlock::Type::kToolCall).arguments.append(e.text);
        break;
      case StreamEvent::Type::kBlockStop:
        break;
      case StreamEvent::Type::kUsage:
        response_.usage = e.usage;
        response_.hasUsage = true;
        break;
      case StreamEvent::Type::kFinish:
        response_.finishReason = e.finishReason;
        break;
    }
  }

  // The answer so far; blocks ordered by index.
  ChatResponse take() {
    for (auto& [index, b] : blocks_) response_.content.push_back(std::move(b));
    blocks_.clear();
    return std::move(response_);
  }

 private:
  ContentBlock& block(int index, ContentBlock::Type type) {
    auto [it, inserted] = blocks_.try_emplace(index);
    if (inserted) it->second.type = type;
    return it->second;
  }

  ChatResponse response_;
  std::map<int, ContentBlock> blocks_;
};

}  // namespace gateos::sdk

#pragma once
// A ResponseSink that records every call, with owned copies of the events.

#include <optional>
#include <string>
#include <vector>

#include "gateos/sdk/response_sink.h"

namespace gateos::sdk::testing {

struct RecordedEvent {
  sdk::StreamEvent::Type type;
  int index = 0;
  std::string id, name, text;
  sdk::Usage usage;
  sdk::FinishReason finishReason = sdk::FinishReason::kNone;
};

class RecordingSink final : public sdk::ResponseSink {
 public:
  void onHead(const sdk::ResponseHead& head) noexcept override {
    ++heads;
    calls.push_back("head");
    this->head = head;
    contentType = std::string(head.contentType);
    if (head.upstreamHeaders != nullptr) upstreamRequestId = std::string(head.upstreamHeaders->get("x-request-id"));
    this->head->contentType = {};
    this->head->upstreamHeaders = nullptr;
  }
  void onBytes(std::string_view b) noexcept override {
    calls.push_back("bytes");
    chunks.emplace_back(b);
    bytes.append(b);
  }
  void onEvent(const sdk::StreamEvent& e) noexcept override {
    calls.push_back("event");
    events.push_back({e.type, e.index, std::string(e.id), std::string(e.name), std::string(e.text), e.usage,
                      e.finishReason});
  }
  void onComplete(const sdk::Status& s) noexcept override {
    ++completions;
    calls.push_back("complete");
    status = s;
  }

  std::string text(sdk::StreamEvent::Type type) const {
    std::string out;
    for (const auto& e : events)
      if (e.type == type) out += e.text;
    return out;
  }
  int count(sdk::StreamEvent::Type type) const {
    int n = 0;
    for (const auto& e : events) n += e.type == type ? 1 : 0;
    return n;
  }
  bool completed() const { return completions > 0; }

  int heads = 0;
  int completions = 0;
  std::optional<sdk::ResponseHead> head;
  std::string contentType;
  std::string upstreamRequestId;
  std::vector<std::string> calls;
  std::vector<std::string> chunks;
  std::string bytes;
  std::vector<RecordedEvent> events;
  sdk::Status status;
};

}  // namespace gateos::sdk::testing

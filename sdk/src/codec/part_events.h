#pragma once
// Canonical events for wire formats whose chunks carry whole parts (Gemini,
// Ollama): text and reasoning pieces extend one open block of their kind; a
// function call arrives whole and becomes a block of its own (kToolCallStart,
// one kToolCallDelta with all the arguments, kBlockStop). A block is closed
// (kBlockStop) when a block of another kind starts and at finish. Indexes are
// assigned in order of appearance. Internal to the codecs.

#include <functional>
#include <random>
#include <string>
#include <string_view>

#include "gateos/sdk/canonical.h"

namespace gateos::sdk::codec::detail {

// A fresh tool-call id ("call_" + 24 hex digits) for a call sent without one.
inline std::string newToolCallId() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::string id = "call_";
  for (int part = 0; part < 2; ++part) {
    auto bits = rng();
    for (int i = 0; i < 12; ++i, bits >>= 4) id.push_back(kHex[bits & 0xF]);
  }
  return id;
}

class PartEvents {
 public:
  using Callback = std::function<void(const StreamEvent&)>;
  explicit PartEvents(const Callback& emit) : emit_(emit) {}

  bool started() const noexcept { return started_; }
  bool finished() const noexcept { return finished_; }
  bool sawToolCall() const noexcept { return sawToolCall_; }

  // kStart once (later calls are ignored).
  void start(std::string_view id, std::string_view model) {
    if (started_) return;
    started_ = true;
    StreamEvent e;
    e.type = StreamEvent::Type::kStart;
    e.id = id;
    e.name = model;
    emit_(e);
  }

  void text(std::string_view piece) { delta(Kind::kText, StreamEvent::Type::kTextDelta, piece); }
  void reasoning(std::string_view piece) { delta(Kind::kReasoning, StreamEvent::Type::kReasoningDelta, piece); }

  void toolCall(std::string_view id, std::string_view name, std::string_view argumentsJson) {
    close();
    sawToolCall_ = true;
    StreamEvent e;
    e.index = next_++;
    e.type = StreamEvent::Type::kToolCallStart;
    e.id = id;
    e.name = name;
    emit_(e);
    if (!argumentsJson.empty()) {
      StreamEvent d;
      d.type = StreamEvent::Type::kToolCallDelta;
      d.index = e.index;
      d.text = argumentsJson;
      emit_(d);
    }
    StreamEvent stop;
    stop.type = StreamEvent::Type::kBlockStop;
    stop.index = e.index;
    emit_(stop);
  }

  // kBlockStop for the open text / reasoning block, if any.
  void closeBlock() { close(); }

  void usage(const Usage& usage) {
    StreamEvent e;
    e.type = StreamEvent::Type::kUsage;
    e.usage = usage;
    emit_(e);
  }

  // Closes the open block, then kFinish (once).
  void finish(FinishReason reason) {
    if (finished_) return;
    close();
    finished_ = true;
    StreamEvent e;
    e.type = StreamEvent::Type::kFinish;
    e.finishReason = reason;
    emit_(e);
  }

 private:
  enum class Kind { kNone, kText, kReasoning };

  void delta(Kind kind, StreamEvent::Type type, std::string_view piece) {
    if (piece.empty()) return;
    if (open_ != kind) {
      close();
      open_ = kind;
      openIndex_ = next_++;
    }
    StreamEvent e;
    e.type = type;
    e.index = openIndex_;
    e.text = piece;
    emit_(e);
  }

  void close() {
    if (open_ == Kind::kNone) return;
    StreamEvent e;
    e.type = StreamEvent::Type::kBlockStop;
    e.index = openIndex_;
    open_ = Kind::kNone;
    emit_(e);
  }

  const Callback& emit_;
  bool started_ = false;
  bool finished_ = false;
  bool sawToolCall_ = false;
  Kind open_ = Kind::kNone;
  int openIndex_ = -1;
  int next_ = 0;
};

}  // namespace gateos::sdk::codec::detail

#pragma once
// Renders RequestContext::notices into the answer as ordinary text events, so
// every adapter shows them in its own dialect with no code of its own.
//
// - Notices with beforeAnswer are shown as a quoted paragraph ahead of the
//   answer: merged into the first text block, or as a text block of their own
//   (later blocks shift by one index) when the answer starts with reasoning or
//   a tool call.
// - The others (and late ones) are shown after the answer, before kFinish:
//   appended to the last text block while it is open, otherwise as a new block.
//   Stages may push them while the answer streams, until they forward kFinish.
// Sits after the last stage, right before the encoder; sees every event (a
// notice may arrive mid-stream) at the cost of a few integer updates.

#include <string>
#include <vector>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/request_context.h"

namespace gateos::kernel::core {

class NoticeInjector {
 public:
  using Event = sdk::StreamEvent;

  // Forwards `event` (and any notice text due before it) to emit(const Event&).
  template <class Emit>
  void onEvent(const Event& event, const std::vector<sdk::Notice>& notices, Emit&& emit);

  // End of the answer without a kFinish (e.g. an upstream error): shows what is left.
  template <class Emit>
  void onEnd(const std::vector<sdk::Notice>& notices, Emit&& emit);

  // The text of notices not yet shown, filtered by placement; marks them shown.
  std::string takeText(const std::vector<sdk::Notice>& notices, bool beforeOnly);

 private:
  static bool isContent(Event::Type type) noexcept {
    return type == Event::Type::kTextDelta || type == Event::Type::kReasoningDelta ||
           type == Event::Type::kToolCallStart || type == Event::Type::kToolCallDelta;
  }
  template <class Emit>
  void emitAfterText(const std::vector<sdk::Notice>& notices, Emit& emit);

  std::vector<bool> rendered_;  // parallel to the notices seen so far
  bool answerStarted_ = false;
  int offset_ = 0;          // index shift after a notice block of its own
  int maxIndex_ = -1;       // highest block index forwarded (after shifting)
  int openTextIndex_ = -1;  // text block still open at the end, if any
};

template <class Emit>
void NoticeInjector::onEvent(const Event& event, const std::vector<sdk::Notice>& notices, Emit&& emit) {
  if (!answerStarted_ && isContent(event.type)) {
    answerStarted_ = true;
    std::string before = takeText(notices, true);
    if (!before.empty()) {
      Event text;
      text.type = Event::Type::kTextDelta;
      text.index = event.index;
      before.append("\n\n");
      text.text = before;
      emit(text);
      if (event.type != Event::Type::kTextDelta) {  // a block of its own; the answer's blocks move up by one
        Event stop;
        stop.type = Event::Type::kBlockStop;
        stop.index = event.index;
        emit(stop);
        offset_ = 1;
        maxIndex_ = event.index;
      }
    }
  }
  if (event.type == Event::Type::kFinish) {
    emitAfterText(notices, emit);
    emit(event);
    return;
  }
  if (isContent(event.type) || event.type == Event::Type::kBlockStop) {
    Event shifted = event;
    shifted.index += offset_;
    maxIndex_ = std::max(maxIndex_, shifted.index);
    if (event.type == Event::Type::kTextDelta) openTextIndex_ = shifted.index;
    else if (event.type == Event::Type::kBlockStop && shifted.index == openTextIndex_) openTextIndex_ = -1;
    else if (event.type != Event::Type::kBlockStop) openTextIndex_ = -1;
    emit(shifted);
    return;
  }
  emit(event);
}

template <class Emit>
void NoticeInjector::onEnd(const std::vector<sdk::Notice>& notices, Emit&& emit) {
  emitAfterText(notices, emit);
}

template <class Emit>
void NoticeInjector::emitAfterText(const std::vector<sdk::Notice>& notices, Emit& emit) {
  std::string after = takeText(notices, false);
  if (after.empty()) return;
  Event text;
  text.type = Event::Type::kTextDelta;
  bool ownBlock = openTextIndex_ < 0;
  text.index = ownBlock ? maxIndex_ + 1 : openTextIndex_;
  if (maxIndex_ >= 0) after.insert(0, "\n\n");
  text.text = after;
  emit(text);
  if (ownBlock) {
    Event stop;
    stop.type = Event::Type::kBlockStop;
    stop.index = text.index;
    emit(stop);
    maxIndex_ = text.index;
  }
}

}  // namespace gateos::kernel::core

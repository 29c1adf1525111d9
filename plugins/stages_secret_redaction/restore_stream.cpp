#include "restore_stream.h"

#include "json_text.h"
#include "placeholder.h"
#include "request_redactor.h"

namespace gateos::plugins::stages::secret_redaction {

using sdk::StreamEvent;

namespace {

bool isDelta(StreamEvent::Type t) noexcept {
  return t == StreamEvent::Type::kTextDelta || t == StreamEvent::Type::kReasoningDelta ||
         t == StreamEvent::Type::kToolCallDelta;
}

void emitText(StreamEvent::Type type, int index, std::string_view text, sdk::EventSink& next) {
  if (text.empty()) return;
  StreamEvent e;
  e.type = type;
  e.index = index;
  e.text = text;
  next.emit(e);
}

}  // namespace

void RestoreStream::onEvent(const StreamEvent& event, sdk::EventSink& next) noexcept {
  try {
    if (isDelta(event.type)) {
      process(event, next);
      return;
    }
    if (event.type == StreamEvent::Type::kBlockStop) flushIndex(event.index, next);
    if (event.type == StreamEvent::Type::kFinish) flushAll(next);
    next.emit(event);
  } catch (...) {
    // Out of memory while restoring: pass the event on unchanged rather than drop it.
    next.emit(event);
  }
}

void RestoreStream::onEnd(sdk::EventSink& next) noexcept {
  try {
    flushAll(next);
  } catch (...) {
  }
}

void RestoreStream::process(const StreamEvent& event, sdk::EventSink& next) {
  const Channel channel{event.type, event.index};
  const bool json = event.type == StreamEvent::Type::kToolCallDelta;
  auto heldIt = held_.find(channel);
  std::string_view text = event.text;
  if (heldIt != held_.end() && !heldIt->second.empty()) {
    work_.assign(heldIt->second);
    work_.append(event.text);
    heldIt->second.clear();
    text = work_;
  } else if (text.find('[') == std::string_view::npos) {
    next.emit(event);  // nothing that could be a placeholder: pass the event itself
    return;
  }

  out_.clear();
  std::size_t at = 0;
  std::string value;
  while (at < text.size()) {
    const std::size_t open = text.find('[', at);
    if (open == std::string_view::npos) break;
    const auto m = matchPlaceholder(text.substr(open));
    if (m.state == PlaceholderMatch::State::kPartial) {
      out_.append(text.substr(at, open - at));
      held_[channel].assign(text.substr(open));
      at = text.size();
      break;
    }
    if (m.state == PlaceholderMatch::State::kComplete && conversation_ &&
        conversation_->reveal(m.kind, m.id, value)) {
      out_.append(text.substr(at, open - at));
      if (json) appendJsonEscaped(value, out_);
      else out_.append(value);
      wipeString(value);
      ++restored_;
      at = open + m.length;
      continue;
    }
    out_.append(text.substr(at, open + 1 - at));
    at = open + 1;
  }
  if (at < text.size()) out_.append(text.substr(at));
  emitText(event.type, event.index, out_, next);
  if (!out_.empty() && restored_ > 0) {
    // The buffer held restored secrets: do not leave copies in freed memory.
    std::fill(out_.begin(), out_.end(), '\0');
  }
  out_.clear();
}

void RestoreStream::flush(const Channel& channel, std::string& held, sdk::EventSink& next) {
  if (held.empty()) return;
  emitText(channel.first, channel.second, held, next);
  held.clear();
}

void RestoreStream::flushAll(sdk::EventSink& next) {
  for (auto& [channel, held] : held_) flush(channel, held, next);
}

void RestoreStream::flushIndex(int index, sdk::EventSink& next) {
  for (auto& [channel, held] : held_)
    if (channel.second == index) flush(channel, held, next);
}

}  // namespace gateos::plugins::stages::secret_redaction

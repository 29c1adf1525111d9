#pragma once
// Incremental Server-Sent-Events parser (WHATWG "event stream interpretation").
// Feed it byte chunks exactly as they arrive from the network, split anywhere
// (inside a field, inside "\r\n", inside a UTF-8 sequence); it calls back once
// per complete event. Lines end with "\n", "\r\n" or "\r"; comments (":" lines)
// and "retry:" are ignored. One parser per stream; not thread-safe; no throws
// other than std::bad_alloc.

#include <functional>
#include <string>
#include <string_view>

namespace gateos::sdk::util {

struct SseEvent {
  std::string event;  // "event:" field; empty means the default "message"
  std::string data;   // "data:" lines joined with "\n"
  std::string id;     // last "id:" field seen in this event
};

class SseParser {
 public:
  // The event reference is valid only during the call.
  using Callback = std::function<void(const SseEvent&)>;

  // Parses `chunk`, calling `onEvent` for every event completed by it.
  void feed(std::string_view chunk, const Callback& onEvent);

  // End of stream: dispatches a last event that lacked its blank line (lenient,
  // several servers omit it) and resets the parser.
  void finish(const Callback& onEvent);

  // Bytes held back (an incomplete line); lets callers bound memory.
  std::size_t pendingBytes() const noexcept { return line_.size() + pending_.data.size(); }

 private:
  void processLine(std::string_view line, const Callback& onEvent);
  void dispatch(const Callback& onEvent);

  std::string line_;       // incomplete line carried over between chunks
  bool skipLf_ = false;    // the previous chunk ended with "\r": a leading "\n" belongs to it
  bool hasData_ = false;   // at least one data field in the pending event
  SseEvent pending_;
};

}  // namespace gateos::sdk::util

#include "gateos/sdk/util/sse_parser.h"

#include <cstring>

namespace gateos::sdk::util {
namespace {

// The position of the first '\r' or '\n' at or after `pos`, or npos. Two
// memchr scans: std::string_view::find_first_of calls memchr once per byte.
std::size_t findLineEnd(std::string_view s, std::size_t pos) {
  const char* begin = s.data() + pos;
  std::size_t n = s.size() - pos;
  const void* lf = std::memchr(begin, '\n', n);
  std::size_t limit = lf ? static_cast<const char*>(lf) - begin : n;
  if (const void* cr = std::memchr(begin, '\r', limit)) return pos + (static_cast<const char*>(cr) - begin);
  return lf ? pos + limit : std::string_view::npos;
}

}  // namespace

void SseParser::feed(std::string_view chunk, const Callback& onEvent) {
  std::size_t pos = 0;
  if (skipLf_ && !chunk.empty()) {
    if (chunk.front() == '\n') pos = 1;
    skipLf_ = false;
  }
  while (pos < chunk.size()) {
    std::size_t end = findLineEnd(chunk, pos);
    if (end == std::string_view::npos) {
      line_.append(chunk.substr(pos));
      return;
    }
    std::string_view piece = chunk.substr(pos, end - pos);
    if (line_.empty()) {
      processLine(piece, onEvent);
    } else {
      line_.append(piece);
      std::string line = std::move(line_);
      line_.clear();
      processLine(line, onEvent);
    }
    if (chunk[end] == '\r') {
      if (end + 1 == chunk.size()) {
        skipLf_ = true;  // a "\n" may start the next chunk
        return;
      }
      if (chunk[end + 1] == '\n') ++end;
    }
    pos = end + 1;
  }
}

void SseParser::finish(const Callback& onEvent) {
  if (!line_.empty()) {
    std::string line = std::move(line_);
    line_.clear();
    processLine(line, onEvent);
  }
  dispatch(onEvent);
  skipLf_ = false;
}

void SseParser::processLine(std::string_view line, const Callback& onEvent) {
  if (line.empty()) {
    dispatch(onEvent);
    return;
  }
  if (line.front() == ':') return;  // comment (keep-alive pings)
  std::string_view field = line;
  std::string_view value;
  if (auto colon = line.find(':'); colon != std::string_view::npos) {
    field = line.substr(0, colon);
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "data") {
    if (hasData_) pending_.data.push_back('\n');
    pending_.data.append(value);
    hasData_ = true;
  } else if (field == "event") {
    pending_.event.assign(value);
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) pending_.id.assign(value);
  }
  // "retry" and unknown fields are ignored.
}

void SseParser::dispatch(const Callback& onEvent) {
  if (hasData_) onEvent(pending_);
  // Per the spec an event without data is dropped, but the id persists.
  pending_.event.clear();
  pending_.data.clear();
  hasData_ = false;
}

}  // namespace gateos::sdk::util

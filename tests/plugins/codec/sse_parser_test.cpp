#include "gateos/sdk/util/sse_parser.h"

#include <gtest/gtest.h>

#include <vector>

namespace gateos::sdk::util {
namespace {

std::vector<SseEvent> parseChunks(const std::vector<std::string_view>& chunks, bool finish = true) {
  std::vector<SseEvent> out;
  SseParser parser;
  auto cb = [&](const SseEvent& e) { out.push_back(e); };
  for (auto c : chunks) parser.feed(c, cb);
  if (finish) parser.finish(cb);
  return out;
}

// A recorded OpenAI stream shape, with CRLF line ends, a keep-alive comment,
// an event name, a multi-line data field and an id.
constexpr std::string_view kRecorded =
    ": keep-alive\r\n\r\n"
    "data: {\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"Hé\"}}]}\r\n\r\n"
    "event: ping\r\ndata: {}\r\n\r\n"
    "id: 7\r\ndata: line one\r\ndata: line two\r\n\r\n"
    "data:no-space\n\n"
    "data: [DONE]\r\n\r\n";

void expectRecorded(const std::vector<SseEvent>& events) {
  ASSERT_EQ(events.size(), 5u);
  EXPECT_EQ(events[0].data, "{\"id\":\"chatcmpl-1\",\"choices\":[{\"delta\":{\"content\":\"Hé\"}}]}");
  EXPECT_EQ(events[0].event, "");
  EXPECT_EQ(events[1].event, "ping");
  EXPECT_EQ(events[1].data, "{}");
  EXPECT_EQ(events[2].data, "line one\nline two");
  EXPECT_EQ(events[2].id, "7");
  EXPECT_EQ(events[3].data, "no-space");
  EXPECT_EQ(events[4].data, "[DONE]");
}

TEST(SseParserTest, ParsesRecordedStreamInOneChunk) { expectRecorded(parseChunks({kRecorded})); }

TEST(SseParserTest, ParsesRecordedStreamSplitAtEveryOffset) {
  for (std::size_t i = 0; i <= kRecorded.size(); ++i) {
    SCOPED_TRACE("split at " + std::to_string(i));
    expectRecorded(parseChunks({kRecorded.substr(0, i), kRecorded.substr(i)}));
  }
}

TEST(SseParserTest, ParsesRecordedStreamSplitAtEveryPairOfOffsets) {
  for (std::size_t i = 0; i <= kRecorded.size(); i += 3) {
    for (std::size_t j = i; j <= kRecorded.size(); ++j) {
      SCOPED_TRACE("split at " + std::to_string(i) + "," + std::to_string(j));
      expectRecorded(parseChunks({kRecorded.substr(0, i), kRecorded.substr(i, j - i), kRecorded.substr(j)}));
    }
  }
}

TEST(SseParserTest, ParsesByteByByte) {
  std::vector<std::string_view> bytes;
  for (std::size_t i = 0; i < kRecorded.size(); ++i) bytes.push_back(kRecorded.substr(i, 1));
  expectRecorded(parseChunks(bytes));
}

TEST(SseParserTest, BareCarriageReturnEndsLines) {
  auto events = parseChunks({"data: a\rdata: b\r\r"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a\nb");
}

TEST(SseParserTest, CrAtChunkEndFollowedByLfIsOneLineEnd) {
  // "\r" | "\n" must not produce an extra empty line (which would dispatch early).
  auto events = parseChunks({"data: a\r", "\ndata: b\r\n\r\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a\nb");
}

TEST(SseParserTest, EventWithoutDataIsDropped) {
  auto events = parseChunks({"event: nothing\n\ndata: x\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "");
  EXPECT_EQ(events[0].data, "x");
}

TEST(SseParserTest, IncompleteEventWaitsForBlankLine) {
  std::vector<SseEvent> out;
  SseParser parser;
  parser.feed("data: partial\n", [&](const SseEvent& e) { out.push_back(e); });
  EXPECT_TRUE(out.empty());
  parser.feed("\n", [&](const SseEvent& e) { out.push_back(e); });
  ASSERT_EQ(out.size(), 1u);
}

TEST(SseParserTest, FinishFlushesEventMissingItsBlankLine) {
  auto events = parseChunks({"data: last"}, true);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "last");
}

TEST(SseParserTest, EmptyDataFieldGivesEmptyEvent) {
  auto events = parseChunks({"data\n\n"});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "");
}

}  // namespace
}  // namespace gateos::sdk::util

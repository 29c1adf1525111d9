#include "core/notice_injector.h"

#include <gtest/gtest.h>

namespace gateos::kernel::core {
namespace {

using Event = sdk::StreamEvent;
using Type = Event::Type;

struct Seen {
  Type type;
  int index;
  std::string text;
  bool operator==(const Seen&) const = default;
};

Event make(Type type, int index = 0, std::string_view text = {}) {
  Event e;
  e.type = type;
  e.index = index;
  e.text = text;
  return e;
}

sdk::Notice notice(std::string text, bool before) { return sdk::Notice{"stages.test", std::move(text), before}; }

struct Harness {
  NoticeInjector injector;
  std::vector<sdk::Notice> notices;
  std::vector<Seen> seen;
  void feed(const Event& e) {
    injector.onEvent(e, notices, [this](const Event& out) { seen.push_back({out.type, out.index, std::string(out.text)}); });
  }
  void end() {
    injector.onEnd(notices, [this](const Event& out) { seen.push_back({out.type, out.index, std::string(out.text)}); });
  }
};

TEST(NoticeInjector, PassesEventsUntouchedWithoutNotices) {
  Harness h;
  h.feed(make(Type::kStart));
  h.feed(make(Type::kTextDelta, 0, "hi"));
  h.feed(make(Type::kBlockStop, 0));
  h.feed(make(Type::kFinish));
  h.end();
  EXPECT_EQ(h.seen, (std::vector<Seen>{{Type::kStart, 0, ""}, {Type::kTextDelta, 0, "hi"}, {Type::kBlockStop, 0, ""},
                                       {Type::kFinish, 0, ""}}));
}

TEST(NoticeInjector, MergesBeforeNoticeIntoTheFirstTextBlock) {
  Harness h;
  h.notices.push_back(notice("kept 1 secret", true));
  h.feed(make(Type::kStart));
  h.feed(make(Type::kTextDelta, 0, "answer"));
  h.feed(make(Type::kFinish));
  EXPECT_EQ(h.seen, (std::vector<Seen>{{Type::kStart, 0, ""},
                                       {Type::kTextDelta, 0, "> GateOS: kept 1 secret\n\n"},
                                       {Type::kTextDelta, 0, "answer"},
                                       {Type::kFinish, 0, ""}}));
}

TEST(NoticeInjector, GivesBeforeNoticeItsOwnBlockAheadOfAToolCall) {
  Harness h;
  h.notices.push_back(notice("careful", true));
  h.feed(make(Type::kToolCallStart, 0));
  h.feed(make(Type::kToolCallDelta, 0, "{}"));
  h.feed(make(Type::kBlockStop, 0));
  h.feed(make(Type::kFinish));
  EXPECT_EQ(h.seen, (std::vector<Seen>{{Type::kTextDelta, 0, "> GateOS: careful\n\n"},
                                       {Type::kBlockStop, 0, ""},
                                       {Type::kToolCallStart, 1, ""},
                                       {Type::kToolCallDelta, 1, "{}"},
                                       {Type::kBlockStop, 1, ""},
                                       {Type::kFinish, 0, ""}}));
}

TEST(NoticeInjector, AppendsAfterNoticeToTheOpenTextBlockBeforeFinish) {
  Harness h;
  h.feed(make(Type::kTextDelta, 0, "use left-pad"));
  h.notices.push_back(notice("left-pad is deprecated", false));  // pushed mid-stream by a stage
  h.feed(make(Type::kUsage));
  h.feed(make(Type::kFinish));
  h.end();
  EXPECT_EQ(h.seen, (std::vector<Seen>{{Type::kTextDelta, 0, "use left-pad"},
                                       {Type::kUsage, 0, ""},
                                       {Type::kTextDelta, 0, "\n\n> GateOS: left-pad is deprecated"},
                                       {Type::kFinish, 0, ""}}));
}

TEST(NoticeInjector, AddsANewBlockAfterAClosedOne) {
  Harness h;
  h.notices.push_back(notice("one", false));
  h.notices.push_back(notice("two", false));
  h.feed(make(Type::kTextDelta, 0, "a"));
  h.feed(make(Type::kBlockStop, 0));
  h.feed(make(Type::kToolCallStart, 1));
  h.feed(make(Type::kBlockStop, 1));
  h.feed(make(Type::kFinish));
  ASSERT_EQ(h.seen.size(), 7u);
  EXPECT_EQ(h.seen[4], (Seen{Type::kTextDelta, 2, "\n\n> GateOS: one\n> GateOS: two"}));
  EXPECT_EQ(h.seen[5], (Seen{Type::kBlockStop, 2, ""}));
  EXPECT_EQ(h.seen[6].type, Type::kFinish);
}

TEST(NoticeInjector, ShowsEverythingLeftAtTheEndWhenNoFinishCame) {
  Harness h;
  h.notices.push_back(notice("early", true));
  h.feed(make(Type::kStart));
  h.end();  // upstream failed before any content
  EXPECT_EQ(h.seen, (std::vector<Seen>{{Type::kStart, 0, ""}, {Type::kTextDelta, 0, "> GateOS: early"},
                                       {Type::kBlockStop, 0, ""}}));
  h.end();  // nothing is shown twice
  EXPECT_EQ(h.seen.size(), 3u);
}

}  // namespace
}  // namespace gateos::kernel::core

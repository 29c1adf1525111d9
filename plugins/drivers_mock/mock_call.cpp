#include "mock_call.h"

namespace gateos::plugins::drivers::mock {

using sdk::StreamEvent;

MockCall::MockCall(sdk::Executor& executor, std::shared_ptr<sdk::ResponseSink> sink, MockAnswer answer, int delayMs)
    : executor_(executor), sink_(std::move(sink)), answer_(std::move(answer)), delayMs_(delayMs) {}

void MockCall::start() {
  executor_.post([self = shared_from_this()] { self->step(); });
}

void MockCall::cancel() noexcept {
  if (done_) return;
  done_ = true;
  timer_.reset();
  try {
    executor_.post([self = shared_from_this()] {
      self->sink_->onComplete(sdk::Status(sdk::StatusCode::kCancelled, "cancelled"));
      self->sink_.reset();
    });
  } catch (...) {  // cannot post: complete inline rather than never
    sink_->onComplete(sdk::Status(sdk::StatusCode::kCancelled, "cancelled"));
    sink_.reset();
  }
}

void MockCall::step() {
  if (done_) return;
  if (position_ == 0) {
    sdk::ResponseHead head;
    head.streaming = answer_.streaming;
    sink_->onHead(head);
    StreamEvent start;
    start.type = StreamEvent::Type::kStart;
    start.id = answer_.id;
    start.name = answer_.model;
    sink_->onEvent(start);
    if (answer_.toolCall) {
      StreamEvent call;
      call.type = StreamEvent::Type::kToolCallStart;
      call.id = answer_.toolCallId;
      call.name = answer_.toolName;
      sink_->onEvent(call);
    }
  }
  if (done_) return;  // the sink may have cancelled us
  if (position_ < answer_.pieces.size()) {
    StreamEvent delta;
    delta.type = answer_.toolCall ? StreamEvent::Type::kToolCallDelta : StreamEvent::Type::kTextDelta;
    delta.text = answer_.pieces[position_++];
    sink_->onEvent(delta);
  }
  if (done_) return;
  if (position_ < answer_.pieces.size()) {
    next();
    return;
  }
  StreamEvent stop;
  stop.type = StreamEvent::Type::kBlockStop;
  sink_->onEvent(stop);
  StreamEvent usage;
  usage.type = StreamEvent::Type::kUsage;
  usage.usage = answer_.usage;
  sink_->onEvent(usage);
  StreamEvent finish;
  finish.type = StreamEvent::Type::kFinish;
  finish.finishReason = answer_.finishReason;
  sink_->onEvent(finish);
  complete({});
}

void MockCall::next() {
  auto self = shared_from_this();
  if (delayMs_ > 0)
    // The tick only posts the step: step() replaces timer_, which must not
    // happen while the timer's own callback runs.
    timer_ = executor_.schedule(std::chrono::milliseconds(delayMs_),
                                [self] { self->executor_.post([self] { self->step(); }); });
  else
    executor_.post([self] { self->step(); });
}

void MockCall::complete(const sdk::Status& status) {
  if (done_) return;
  done_ = true;
  timer_.reset();
  auto sink = std::move(sink_);
  sink->onComplete(status);
}

}  // namespace gateos::plugins::drivers::mock

#pragma once
// The per-call state of a mock answer: emits the planned events one delta per
// executor turn (or per timer tick when chunk_delay_ms > 0), and stops on cancel.
// Lives on the call's executor; kept alive by the posted callbacks and the handle.

#include <memory>
#include <string>
#include <vector>

#include "gateos/sdk/canonical.h"
#include "gateos/sdk/driver.h"

namespace gateos::plugins::drivers::mock {

struct MockAnswer {
  std::string id;
  std::string model;
  bool streaming = false;
  bool toolCall = false;        // pieces are argument JSON of one tool call
  std::string toolCallId;
  std::string toolName;
  std::vector<std::string> pieces;
  sdk::Usage usage;
  sdk::FinishReason finishReason = sdk::FinishReason::kStop;
};

class MockCall final : public std::enable_shared_from_this<MockCall> {
 public:
  MockCall(sdk::Executor& executor, std::shared_ptr<sdk::ResponseSink> sink, MockAnswer answer, int delayMs);

  // Posts the first step; nothing is called inline.
  void start();
  // Stops further deltas; onComplete(kCancelled) follows on the executor.
  void cancel() noexcept;

 private:
  void step();
  void next();
  void complete(const sdk::Status& status);

  sdk::Executor& executor_;
  std::shared_ptr<sdk::ResponseSink> sink_;
  MockAnswer answer_;
  int delayMs_;
  std::size_t position_ = 0;
  bool done_ = false;
  std::unique_ptr<sdk::TimerHandle> timer_;
};

class MockCallHandle final : public sdk::UpstreamCallHandle {
 public:
  explicit MockCallHandle(std::shared_ptr<MockCall> call) : call_(std::move(call)) {}
  void cancel() noexcept override { call_->cancel(); }

 private:
  std::shared_ptr<MockCall> call_;
};

}  // namespace gateos::plugins::drivers::mock

#pragma once
// An sdk::HttpResponseHandler that records every callback for UpstreamClient
// tests and lets the test thread wait for them.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "gateos/sdk/http_client.h"

namespace gateos::kernel::net::testing {

class RecordingHandler final : public sdk::HttpResponseHandler {
 public:
  // Optional hooks, run on the loop inside the callback; set before send().
  std::function<void(std::string_view)> bodyHook;
  std::function<void(int)> headersHook;
  // A handler typically keeps its exchange; held strongly like a driver would.
  std::shared_ptr<sdk::HttpExchange> exchange;

  void onHeaders(int status, const sdk::Headers& headers) noexcept override {
    {
      std::lock_guard lock(mutex_);
      if (completions_ > 0) callAfterComplete_ = true;
      ++headerCalls_;
      status_ = status;
      headers_ = headers;
    }
    cv_.notify_all();
    if (headersHook) headersHook(status);
  }

  void onBody(std::string_view chunk) noexcept override {
    {
      std::lock_guard lock(mutex_);
      if (completions_ > 0) callAfterComplete_ = true;
      ++bodyCalls_;
      body_ += chunk;
    }
    cv_.notify_all();
    if (bodyHook) bodyHook(chunk);
  }

  void onComplete(const sdk::Status& status) noexcept override {
    {
      std::lock_guard lock(mutex_);
      ++completions_;
      result_ = status;
      exchange.reset();
    }
    cv_.notify_all();
  }

  bool waitComplete(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return completions_ > 0; });
  }
  bool waitBody(std::size_t bytes, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::unique_lock lock(mutex_);
    return cv_.wait_for(lock, timeout, [&] { return body_.size() >= bytes || completions_ > 0; }) &&
           body_.size() >= bytes;
  }

  int status() { std::lock_guard lock(mutex_); return status_; }
  sdk::Headers headers() { std::lock_guard lock(mutex_); return headers_; }
  std::string body() { std::lock_guard lock(mutex_); return body_; }
  sdk::Status result() { std::lock_guard lock(mutex_); return result_; }
  int completions() { std::lock_guard lock(mutex_); return completions_; }
  int headerCalls() { std::lock_guard lock(mutex_); return headerCalls_; }
  int bodyCalls() { std::lock_guard lock(mutex_); return bodyCalls_; }
  bool callAfterComplete() { std::lock_guard lock(mutex_); return callAfterComplete_; }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int status_ = 0;
  sdk::Headers headers_;
  std::string body_;
  sdk::Status result_;
  int completions_ = 0;
  int headerCalls_ = 0;
  int bodyCalls_ = 0;
  bool callAfterComplete_ = false;
};

}  // namespace gateos::kernel::net::testing

#include "core/plugin_code/code_bound_http_client.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace gateos::kernel::core {
namespace {

// Records the order in which things die.
struct Deaths {
  std::vector<std::string> order;
};

struct Marker {
  Marker(Deaths& d, std::string name) : deaths(d), name(std::move(name)) {}
  ~Marker() { deaths.order.push_back(name); }
  Deaths& deaths;
  std::string name;
};

struct PluginHandler final : sdk::HttpResponseHandler {
  explicit PluginHandler(Deaths& d) : marker(d, "handler") {}
  void onHeaders(int s, const sdk::Headers&) noexcept override { events.push_back("head " + std::to_string(s)); }
  void onBody(std::string_view chunk) noexcept override { events.push_back("body " + std::string(chunk)); }
  void onComplete(const sdk::Status& s) noexcept override { events.push_back(s.isOk() ? "done" : "failed"); }
  std::vector<std::string> events;
  Marker marker;
};

// The kernel's client: keeps the handler until it decides to let it go.
struct KeepingClient final : sdk::HttpClient {
  std::shared_ptr<sdk::HttpExchange> send(sdk::Executor&, sdk::HttpRequest request,
                                          std::shared_ptr<sdk::HttpResponseHandler> handler) override {
    url = request.url;
    kept = std::move(handler);
    return nullptr;
  }
  std::string url;
  std::shared_ptr<sdk::HttpResponseHandler> kept;
};

struct NoExecutor final : sdk::Executor {
  void post(std::function<void()>) override {}
  std::unique_ptr<sdk::TimerHandle> schedule(std::chrono::milliseconds, std::function<void()>) override { return nullptr; }
};

TEST(CodeBoundHttpClientTest, ForwardsEveryCallbackAndDestroysTheHandlerBeforeReleasingTheCode) {
  Deaths deaths;
  KeepingClient kernel;
  NoExecutor executor;
  auto handler = std::make_shared<PluginHandler>(deaths);
  auto* plugin = handler.get();
  {
    CodeBoundHttpClient client(kernel, std::make_shared<Marker>(deaths, "code"));
    sdk::HttpRequest request;
    request.url = "http://upstream/v1/chat/completions";
    client.send(executor, std::move(request), std::move(handler));
  }  // the plugin's Host is gone; the exchange still runs
  ASSERT_NE(kernel.kept, nullptr);
  EXPECT_EQ(kernel.url, "http://upstream/v1/chat/completions");
  kernel.kept->onHeaders(200, {});
  kernel.kept->onBody("data");
  kernel.kept->onComplete({});
  EXPECT_EQ(plugin->events, (std::vector<std::string>{"head 200", "body data", "done"}));
  EXPECT_TRUE(deaths.order.empty()) << "nothing may die while the kernel holds the handler";
  kernel.kept.reset();
  EXPECT_EQ(deaths.order, (std::vector<std::string>{"handler", "code"}));
}

TEST(CodeBoundHttpClientTest, WithoutACodeOwnerTheHandlerIsPassedOnAsItIs) {
  Deaths deaths;
  auto handler = std::make_shared<PluginHandler>(deaths);
  std::shared_ptr<sdk::HttpResponseHandler> base = handler;
  EXPECT_EQ(bindToCode(base, nullptr), base);
}

}  // namespace
}  // namespace gateos::kernel::core

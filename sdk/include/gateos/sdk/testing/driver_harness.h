#pragma once
// Drives one driver's Provider in plugin tests: a FakeHost and FakeExecutor,
// a request context, and helpers to open a provider, send a canonical or
// pass-through call and play the upstream's answer.
//
//   DriverHarness h;
//   auto provider = h.open(plugin, {{"base_url", "http://x"}});
//   auto sink = h.send(*provider, request, "model-1");
//   h.exchange().reply(200, {{"content-type", "application/json"}}, body);
//
// expectSameEventsAtEverySplit() replays a streamed body cut in two at every
// offset and checks each run yields exactly the events of the uncut body.

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "gateos/sdk/driver.h"
#include "gateos/sdk/plugin.h"
#include "gateos/sdk/testing/fake_host.h"
#include "gateos/sdk/testing/recording_sink.h"

namespace gateos::sdk::testing {

class DriverHarness {
 public:
  DriverHarness() {
    context.requestId = "r1";
    context.executor = &loop;
    context.headers = &clientHeaders;
  }

  // Configures `plugin` (once) and opens a provider named `name`.
  Result<std::unique_ptr<Provider>> openRaw(Plugin& plugin, Json options, std::string credential = "test-key",
                                            std::string name = "up") {
    if (!configured_) {
      if (auto s = plugin.configure(Json::object(), host); !s) return s;
      configured_ = true;
    }
    ProviderSpec spec;
    spec.name = std::move(name);
    spec.options = std::move(options);
    spec.credential = std::move(credential);
    return plugin.asDriver()->openProvider(spec);
  }
  std::unique_ptr<Provider> open(Plugin& plugin, Json options, std::string credential = "test-key") {
    auto r = openRaw(plugin, std::move(options), std::move(credential));
    EXPECT_TRUE(r.isOk()) << r.status().message();
    return r.isOk() ? std::move(r.value()) : nullptr;
  }

  std::shared_ptr<RecordingSink> send(Provider& provider, const ChatRequest& request, std::string_view model,
                                      std::string_view operation = "chat") {
    UpstreamCall call;
    call.context = &context;
    call.request = &request;
    call.upstreamModel = model;
    call.operation = operation;
    call.clientHeaders = &clientHeaders;
    return start(provider, call);
  }

  std::shared_ptr<RecordingSink> sendPassthrough(Provider& provider, std::string_view body, std::string_view model,
                                                 std::string_view operation = "chat") {
    UpstreamCall call;
    call.context = &context;
    call.passthrough = true;
    call.body = body;
    call.upstreamModel = model;
    call.operation = operation;
    call.clientHeaders = &clientHeaders;
    return start(provider, call);
  }

  FakeHttpClient::Exchange& exchange() { return host.httpClient.exchange(); }

  // Plays a 2xx streamed answer of `contentType` cut in two at every offset of
  // `body`; every run must produce the same events and status as the uncut body.
  void expectSameEventsAtEverySplit(const std::function<std::shared_ptr<RecordingSink>()>& startCall,
                                    std::string_view contentType, std::string_view body) {
    auto whole = startCall();
    exchange().respond(200, {{"content-type", std::string(contentType)}}).body(body).complete();
    ASSERT_TRUE(whole->status.isOk()) << whole->status.message();
    for (std::size_t cut = 1; cut < body.size(); ++cut) {
      auto sink = startCall();
      exchange().respond(200, {{"content-type", std::string(contentType)}});
      exchange().body(body.substr(0, cut)).body(body.substr(cut)).complete();
      ASSERT_EQ(sink->status.isOk(), whole->status.isOk()) << "cut at " << cut << ": " << sink->status.message();
      ASSERT_EQ(sink->events.size(), whole->events.size()) << "cut at " << cut;
      for (std::size_t i = 0; i < sink->events.size(); ++i) {
        const auto& a = sink->events[i];
        const auto& b = whole->events[i];
        ASSERT_TRUE(a.type == b.type && a.index == b.index && a.name == b.name && a.text == b.text &&
                    a.finishReason == b.finishReason && a.usage.inputTokens == b.usage.inputTokens &&
                    a.usage.outputTokens == b.usage.outputTokens)
            << "cut at " << cut << ", event " << i;
        // Made-up tool-call ids differ per run; ids from the wire must not.
        if (a.type != StreamEvent::Type::kToolCallStart) {
          ASSERT_EQ(a.id, b.id) << "cut at " << cut << ", event " << i;
        }
      }
    }
  }

  FakeHost host;
  FakeExecutor loop;
  Headers clientHeaders;
  RequestContext context;
  std::unique_ptr<UpstreamCallHandle> handle;

 private:
  std::shared_ptr<RecordingSink> start(Provider& provider, const UpstreamCall& call) {
    auto sink = std::make_shared<RecordingSink>();
    handle = provider.send(call, sink);
    return sink;
  }

  bool configured_ = false;
};

}  // namespace gateos::sdk::testing

#include "hello_header.h"

namespace hello_example {

using gateos::sdk::Json;
using gateos::sdk::Status;

namespace {
constexpr std::string_view kPluginId = "stages.hello_header";
constexpr std::size_t kMaxNameLength = 64;
}  // namespace

Status HelloHeaderStage::configure(const Json& config, gateos::sdk::Host& host) {
  header_ = config.value("header", std::string("x-gateos-hello"));
  greeting_ = config.value("greeting", std::string("Hello from an out-of-tree plugin"));
  host.logger().info("greeting requests that carry the header {}", header_);
  return {};
}

bool HelloHeaderStage::wantsRequest(const gateos::sdk::RequestContext& context, std::string_view) noexcept {
  return context.headers != nullptr && context.headers->has(header_);
}

Status HelloHeaderStage::onRequest(gateos::sdk::RequestContext& context, gateos::sdk::ChatRequest&) noexcept {
  try {
    if (context.headers == nullptr || !context.headers->has(header_)) return {};
    std::string text = greeting_;
    // The header's value, if any, is a name to greet: printable ASCII, short.
    std::string name;
    for (char c : context.headers->get(header_))
      if (c >= ' ' && c <= '~' && name.size() < kMaxNameLength) name += c;
    if (!name.empty()) text += ", " + name;
    context.annotations[std::string(kPluginId)] = Json{{"greeted", true}, {"name", name}};
    context.notices.push_back({std::string(kPluginId), std::move(text), /*beforeAnswer=*/true});
  } catch (...) {
    // A greeting is never worth failing a request over (e.g. out of memory).
  }
  return {};
}

}  // namespace hello_example

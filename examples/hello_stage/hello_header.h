#pragma once
// stages.hello_header — the example out-of-tree stage plugin (a template).
//
// When a request carries the configured header (default x-gateos-hello), the
// stage shows a greeting ahead of the answer, in the client's own dialect (the
// kernel renders sdk::Notice), and records it under the plugin's id in the
// request's annotations. Requests without the header are left alone: the cheap
// wantsRequest filter keeps them on the kernel's fast path.
#include <string>
#include <string_view>

#include "gateos/sdk/plugin.h"
#include "gateos/sdk/stage.h"

namespace hello_example {

class HelloHeaderStage final : public gateos::sdk::Plugin, public gateos::sdk::Stage {
 public:
  // The config is already validated against plugin.json's config_schema and
  // holds its defaults.
  gateos::sdk::Status configure(const gateos::sdk::Json& config, gateos::sdk::Host& host) override;
  gateos::sdk::Stage* asStage() noexcept override { return this; }

  bool wantsRequest(const gateos::sdk::RequestContext& context, std::string_view rawBody) noexcept override;
  gateos::sdk::Status onRequest(gateos::sdk::RequestContext& context, gateos::sdk::ChatRequest& request) noexcept override;

 private:
  std::string header_;
  std::string greeting_;
};

}  // namespace hello_example

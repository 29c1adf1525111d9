#pragma once
// The HttpClient a plugin generation gets from its Host: the kernel's client,
// except that every exchange keeps the plugin's library mapped until the
// plugin's response handler has been destroyed.
//
// Why: the kernel's client owns a plugin's handler until after onComplete, and
// a handler's code (its callbacks, its destructor) lives in the plugin's
// library. During a hot upgrade or removal, a request finishing through the
// old generation may be the last user of that generation: onComplete ends the
// request, the request drops the generation, the reaper unloads the library —
// while the event loop is still about to return into, or destroy, the handler.
// Holding the library per exchange closes that window (DESIGN.md "ABI and
// lifecycle", rule 3: objects die before their code is unmapped).

#include <memory>

#include "gateos/sdk/http_client.h"

namespace gateos::kernel::core {

class CodeBoundHttpClient final : public sdk::HttpClient {
 public:
  // `code` keeps the plugin's library loaded (an owner of its PluginLibrary).
  CodeBoundHttpClient(sdk::HttpClient& kernelClient, std::shared_ptr<const void> code)
      : kernelClient_(kernelClient), code_(std::move(code)) {}

  std::shared_ptr<sdk::HttpExchange> send(sdk::Executor& executor, sdk::HttpRequest request,
                                          std::shared_ptr<sdk::HttpResponseHandler> handler) override;

 private:
  sdk::HttpClient& kernelClient_;
  std::shared_ptr<const void> code_;
};

// Holds `code` for as long as `handler` lives; the handler is destroyed first.
std::shared_ptr<sdk::HttpResponseHandler> bindToCode(std::shared_ptr<sdk::HttpResponseHandler> handler,
                                                     std::shared_ptr<const void> code);

}  // namespace gateos::kernel::core

#include "core/plugin_code/code_bound_http_client.h"

namespace gateos::kernel::core {
namespace {

class CodeBoundHandler final : public sdk::HttpResponseHandler {
 public:
  CodeBoundHandler(std::shared_ptr<sdk::HttpResponseHandler> handler, std::shared_ptr<const void> code)
      : code_(std::move(code)), handler_(std::move(handler)) {}

  void onHeaders(int status, const sdk::Headers& headers) noexcept override { handler_->onHeaders(status, headers); }
  void onBody(std::string_view chunk) noexcept override { handler_->onBody(chunk); }
  void onComplete(const sdk::Status& status) noexcept override { handler_->onComplete(status); }

 private:
  // Members die in reverse order: the plugin's handler, then its code.
  std::shared_ptr<const void> code_;
  std::shared_ptr<sdk::HttpResponseHandler> handler_;
};

}  // namespace

std::shared_ptr<sdk::HttpResponseHandler> bindToCode(std::shared_ptr<sdk::HttpResponseHandler> handler,
                                                     std::shared_ptr<const void> code) {
  if (!code) return handler;
  return std::make_shared<CodeBoundHandler>(std::move(handler), std::move(code));
}

std::shared_ptr<sdk::HttpExchange> CodeBoundHttpClient::send(sdk::Executor& executor, sdk::HttpRequest request,
                                                            std::shared_ptr<sdk::HttpResponseHandler> handler) {
  return kernelClient_.send(executor, std::move(request), bindToCode(std::move(handler), code_));
}

}  // namespace gateos::kernel::core

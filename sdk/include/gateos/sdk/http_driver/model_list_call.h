#pragma once
// Receives a provider's model list (GET <base_url>/models or the like) and
// hands the parsed models, or the error, to `done`. Errors read
// "discover models of <provider>: …".

#include <functional>
#include <string>
#include <vector>

#include "gateos/sdk/driver.h"
#include "gateos/sdk/http_client.h"
#include "gateos/sdk/http_driver/response_decoder.h"

namespace gateos::sdk::http_driver {

// Parses a 2xx model-list body.
using ModelListParser = Result<std::vector<ModelInfo>> (*)(std::string_view body);

class ModelListCall final : public HttpResponseHandler {
 public:
  using Done = std::function<void(Result<std::vector<ModelInfo>>)>;
  ModelListCall(std::string providerName, ModelListParser parse, ErrorMapper errors, Done done)
      : name_(std::move(providerName)), parse_(parse), errors_(errors), done_(std::move(done)) {}

  void onHeaders(int status, const Headers& headers) noexcept override;
  void onBody(std::string_view chunk) noexcept override;
  void onComplete(const Status& status) noexcept override;

 private:
  static constexpr std::size_t kMaxBody = 8u << 20;
  std::string name_;
  ModelListParser parse_;
  ErrorMapper errors_;
  Done done_;
  int status_ = 0;
  Headers headers_;
  std::string body_;
};

}  // namespace gateos::sdk::http_driver

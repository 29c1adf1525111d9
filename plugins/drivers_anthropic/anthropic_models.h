#pragma once
// Receives GET <base_url>/v1/models and hands data[].id to the caller.

#include <functional>
#include <string>
#include <vector>

#include "gateos/sdk/driver.h"
#include "gateos/sdk/http_client.h"

namespace gateos::plugins::drivers::anthropic {

// Parses an Anthropic model list {"data":[{"id","display_name","type":"model"}…],"has_more"}.
// display_name and created_at ride in ModelInfo::extra.
sdk::Result<std::vector<sdk::ModelInfo>> parseModelList(std::string_view body);

class ModelsHandler final : public sdk::HttpResponseHandler {
 public:
  using Done = std::function<void(sdk::Result<std::vector<sdk::ModelInfo>>)>;
  ModelsHandler(std::string providerName, Done done) : name_(std::move(providerName)), done_(std::move(done)) {}

  void onHeaders(int status, const sdk::Headers& headers) noexcept override;
  void onBody(std::string_view chunk) noexcept override;
  void onComplete(const sdk::Status& status) noexcept override;

 private:
  static constexpr std::size_t kMaxBody = 8u << 20;
  std::string name_;
  Done done_;
  int status_ = 0;
  sdk::Headers headers_;
  std::string body_;
};

}  // namespace gateos::plugins::drivers::anthropic

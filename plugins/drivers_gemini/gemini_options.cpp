#include "gemini_options.h"

namespace gateos::plugins::drivers::gemini {

sdk::Result<GeminiOptions> parseGeminiOptions(const sdk::Json& options, std::string_view providerName) {
  sdk::http_driver::BaseUrlRules rules{std::string(kDefaultBaseUrl), "/v1beta"};
  auto common = sdk::http_driver::parseHttpProviderOptions(options, providerName, rules);
  if (!common) return common.status();
  GeminiOptions out;
  static_cast<sdk::http_driver::HttpProviderOptions&>(out) = std::move(common.value());
  return out;
}

}  // namespace gateos::plugins::drivers::gemini

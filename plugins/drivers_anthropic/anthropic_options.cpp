#include "anthropic_options.h"

namespace gateos::plugins::drivers::anthropic {

namespace http = sdk::http_driver;

sdk::Result<AnthropicOptions> parseAnthropicOptions(const sdk::Json& options, std::string_view providerName) {
  AnthropicOptions out;
  // Users paste the documented "https://api.anthropic.com/v1"; the driver adds /v1 itself.
  http::BaseUrlRules rules{"https://api.anthropic.com", "/v1"};
  auto common = http::parseHttpProviderOptions(
      options, providerName, rules, [&](const std::string& key, const sdk::Json& v) -> std::optional<sdk::Status> {
        if (key == "anthropic_version") {
          if (!v.is_string() || v.get_ref<const std::string&>().empty() ||
              !http::isSingleLine(v.get_ref<const std::string&>()))
            return http::invalidOption(providerName, "anthropic_version: expected a non-empty single-line string");
          out.anthropicVersion = v.get<std::string>();
          return sdk::Status{};
        }
        if (key == "default_max_tokens") {
          if (!v.is_number_integer() || v.get<int64_t>() < 1)
            return http::invalidOption(providerName, "default_max_tokens: expected an integer >= 1");
          out.defaultMaxTokens = v.get<int64_t>();
          return sdk::Status{};
        }
        return std::nullopt;
      });
  if (!common) return common.status();
  static_cast<http::HttpProviderOptions&>(out) = std::move(common.value());
  return out;
}

}  // namespace gateos::plugins::drivers::anthropic

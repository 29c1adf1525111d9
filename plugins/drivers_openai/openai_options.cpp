#include "openai_options.h"

namespace gateos::plugins::drivers::openai {

namespace http = sdk::http_driver;

sdk::Result<OpenAiOptions> parseOpenAiOptions(const sdk::Json& options, std::string_view providerName) {
  OpenAiOptions out;
  auto common = http::parseHttpProviderOptions(
      options, providerName, http::BaseUrlRules{},
      [&](const std::string& key, const sdk::Json& v) -> std::optional<sdk::Status> {
        if (key == "api") {
          if (v == "chat") out.api = OpenAiOptions::Api::kChat;
          else if (v == "responses") out.api = OpenAiOptions::Api::kResponses;
          else return http::invalidOption(providerName, "api: expected \"chat\" or \"responses\"");
          return sdk::Status{};
        }
        if (key == "organization") {
          if (!v.is_string() || !http::isSingleLine(v.get_ref<const std::string&>()))
            return http::invalidOption(providerName, "organization: expected a single-line string");
          out.organization = v.get<std::string>();
          return sdk::Status{};
        }
        return std::nullopt;
      });
  if (!common) return common.status();
  static_cast<http::HttpProviderOptions&>(out) = std::move(common.value());
  return out;
}

}  // namespace gateos::plugins::drivers::openai

#include "ollama_options.h"

namespace gateos::plugins::drivers::ollama {

namespace http = sdk::http_driver;

sdk::Result<OllamaOptions> parseOllamaOptions(const sdk::Json& options, std::string_view providerName) {
  OllamaOptions out;
  http::BaseUrlRules rules{std::string(kDefaultBaseUrl), "/api"};
  auto common = http::parseHttpProviderOptions(
      options, providerName, rules, [&](const std::string& key, const sdk::Json& v) -> std::optional<sdk::Status> {
        if (key == "options") {
          if (!v.is_object()) return http::invalidOption(providerName, "options: expected an object (e.g. {\"num_ctx\": 32768})");
          out.modelOptions = v;
          return sdk::Status{};
        }
        if (key == "keep_alive") {
          if (!v.is_string() || v.get_ref<const std::string&>().empty() || !http::isSingleLine(v.get_ref<const std::string&>()))
            return http::invalidOption(providerName, "keep_alive: expected a duration such as \"10m\"");
          out.keepAlive = v.get<std::string>();
          return sdk::Status{};
        }
        return std::nullopt;
      });
  if (!common) return common.status();
  static_cast<http::HttpProviderOptions&>(out) = std::move(common.value());
  return out;
}

}  // namespace gateos::plugins::drivers::ollama

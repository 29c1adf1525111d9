#pragma once
// The plugin object of an HTTP driver: takes no settings of its own, keeps the
// Host, and opens providers by parsing their options and constructing the
// driver's provider class. A driver names its pieces in a traits struct:
//
//   struct OllamaTraits {
//     static constexpr std::string_view kId = "drivers.ollama";
//     using Options = OllamaOptions;      // parsed by Options parse(json, providerName)
//     using Provider = OllamaProvider;    // Provider(Host&, name, credential, Options)
//     static sdk::Result<Options> parse(const sdk::Json& options, std::string_view providerName);
//   };
//   using OllamaDriverPlugin = sdk::http_driver::DriverPlugin<OllamaTraits>;

#include <memory>
#include <string>
#include <string_view>

#include "gateos/sdk/driver.h"
#include "gateos/sdk/plugin.h"

namespace gateos::sdk::http_driver {

template <class Traits>
class DriverPlugin final : public Plugin, public Driver {
 public:
  Status configure(const Json& config, Host& host) noexcept override {
    if (!config.is_null() && !(config.is_object() && config.empty()))
      return {StatusCode::kInvalidArgument, "configure " + std::string(Traits::kId) + ": no settings are accepted"};
    host_ = &host;
    return {};
  }

  Driver* asDriver() noexcept override { return this; }

  Result<std::unique_ptr<Provider>> openProvider(const ProviderSpec& spec) noexcept override {
    if (host_ == nullptr) return Status(StatusCode::kFailedPrecondition, std::string(Traits::kId) + ": not configured");
    try {
      auto options = Traits::parse(spec.options, spec.name);
      if (!options) return options.status();
      return std::unique_ptr<Provider>(
          std::make_unique<typename Traits::Provider>(*host_, spec.name, spec.credential, std::move(options.value())));
    } catch (const std::exception& e) {
      return Status(StatusCode::kInternal, "provider " + spec.name + ": " + e.what());
    }
  }

 private:
  Host* host_ = nullptr;
};

}  // namespace gateos::sdk::http_driver

#pragma once
// The providers the kernel can route to and the aliases over them, published as
// an immutable snapshot: every request takes the current snapshot once, and a
// change (admin API, plugin upgrade) builds and publishes a new one without
// disturbing requests in flight.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gateos/sdk/driver.h"
#include "gateos/sdk/policy.h"

namespace gateos::kernel::core {

struct ProviderEntry {
  // Declared first so it is destroyed last: the provider object's code lives in
  // the driver's library, which this reference keeps loaded.
  std::shared_ptr<const void> driverLifetime;
  std::string name;
  std::string driverId;
  sdk::Json options = sdk::Json::object();  // without the credential
  bool hasCredential = false;
  bool fromConfigFile = false;
  std::vector<std::string> models;  // provider's own names; empty: accept any
  std::unique_ptr<sdk::Provider> provider;

  ~ProviderEntry() { provider.reset(); }  // explicit: before driverLifetime
};

struct ResolvedModel {
  std::shared_ptr<const ProviderEntry> provider;
  std::string upstreamModel;  // the provider's model name
  std::string publicName;     // "provider/model"
};

class ProviderCatalog final : public sdk::ModelCatalog {
 public:
  ProviderCatalog() = default;
  ProviderCatalog(std::map<std::string, std::shared_ptr<const ProviderEntry>> providers,
                  std::map<std::string, std::string> aliases)
      : providers_(std::move(providers)), aliases_(std::move(aliases)) {}

  // "provider/model" or an alias (one level). nullopt: unknown.
  std::optional<ResolvedModel> resolve(std::string_view model) const;

  bool contains(std::string_view model) const noexcept override;
  std::vector<std::string> names() const override;  // every routable "provider/model" and alias

  const std::map<std::string, std::shared_ptr<const ProviderEntry>>& providers() const noexcept { return providers_; }
  const std::map<std::string, std::string>& aliases() const noexcept { return aliases_; }

 private:
  std::map<std::string, std::shared_ptr<const ProviderEntry>> providers_;
  std::map<std::string, std::string> aliases_;
};

}  // namespace gateos::kernel::core

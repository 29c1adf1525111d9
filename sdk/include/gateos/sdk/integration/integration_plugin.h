#pragma once
// Base class of the bundled integration plugins: a Plugin with no settings
// that is its own Integration, and disconnects by taking back exactly what
// connect wrote (connect_plan.h planUndo). A plugin implements clientName,
// recognizes, extract, configPaths and planConnect.

#include "gateos/sdk/integration.h"
#include "gateos/sdk/integration/connect_plan.h"
#include "gateos/sdk/plugin.h"

namespace gateos::sdk::integration {

class IntegrationPlugin : public Plugin, public Integration {
 public:
  Status configure(const Json&, Host&) override { return {}; }
  Integration* asIntegration() noexcept override { return this; }

  Result<std::vector<ConfigChange>> planDisconnect(const ConnectOptions&, const Json& connectRecord) const noexcept override {
    try {
      return planUndo(connectRecord);
    } catch (const std::exception& e) {
      return Status(StatusCode::kInternal, e.what());
    }
  }
};

}  // namespace gateos::sdk::integration

#include "core/packages/local_registry.h"

#include <cstdlib>
#include <spdlog/spdlog.h>

#include "core/packages/registry_list.h"
#include "registry/publisher_key.h"
#include "registry/trust_store.h"

// Set for this file only by kernel/CMakeLists.txt, so that moving the build
// folder recompiles one file rather than the kernel.
#ifndef GATEOS_LOCAL_REGISTRY_DIR
#define GATEOS_LOCAL_REGISTRY_DIR ""
#endif
#ifndef GATEOS_LOCAL_PUBLISHER_KEY
#define GATEOS_LOCAL_PUBLISHER_KEY ""
#endif

namespace gateos::kernel::core::packages {
namespace fs = std::filesystem;

LocalRegistry localRegistry() {
  LocalRegistry local{GATEOS_LOCAL_REGISTRY_DIR, GATEOS_LOCAL_PUBLISHER_KEY};
  if (const char* v = std::getenv("GATEOS_LOCAL_REGISTRY"); v && *v) local.folder = v;
  if (const char* v = std::getenv("GATEOS_LOCAL_PUBLISHER_KEY"); v && *v) local.publicKeyFile = v;
  return local;
}

sdk::Status bootstrapDataDirectory(const fs::path& dataRoot) {
  RegistryList registries(registriesFile(dataRoot));
  if (registries.exists()) return {};
  const LocalRegistry local = localRegistry();
  std::error_code ec;
  if (!local.publicKeyFile.empty() && fs::exists(local.publicKeyFile, ec)) {
    auto key = registry::loadPublicKeyFile(local.publicKeyFile);
    if (!key) return key.status().prefixed("local publisher key");
    registry::TrustStore trust(trustFile(dataRoot));
    if (auto s = trust.load(); !s) return s;
    if (auto added = trust.add(key->publicKey, key->name.empty() ? "GateOS local build" : key->name); !added)
      return added.status();
  }
  std::vector<ConfiguredRegistry> list;
  if (!local.folder.empty() && fs::exists(local.folder / "index.json", ec)) {
    list.push_back({"local", local.folder.string(), 0});
  } else {
    spdlog::warn("local registry {} not found: add a registry with `gateos registry add`", local.folder.string());
  }
  return registries.save(list);
}

}  // namespace gateos::kernel::core::packages

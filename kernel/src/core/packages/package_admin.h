#pragma once
// The package manager's admin API routes (docs/openapi/admin.yaml, tags
// plugins, registries, trust), as one dispatcher shared by the admin API of a
// running kernel and by the CLI on a data directory no kernel serves, so both
// speak the same requests and answers.
//
//   GET    /plugins                      installed plugins, state and version
//   POST   /plugins                      install {"id": "drivers.openai@^1", "allow_unsigned", "force"} or {"all": true}
//   GET    /plugins/{id}                 installed state and available versions
//   DELETE /plugins/{id}[?force=true]    remove
//   POST   /plugins/{id}/upgrade         {"range", "allow_unsigned", "force"}
//   POST   /plugins/upgrade              every installed plugin to its latest version
//   POST   /plugins/{id}/enable | /disable
//   GET    /packages[?q=text]            search the registries
//   GET    /registries                   POST /registries {"name","location","priority"}  DELETE /registries/{name}
//   GET    /trust                        POST /trust {"public_key" | "key_file_text", "name"}  DELETE /trust/{id}

#include <optional>
#include <string>
#include <vector>

#include "core/packages/package_manager.h"
#include "gateos/sdk/json.h"

namespace gateos::kernel::core::packages {

struct PackageReply {
  int status = 200;
  sdk::Json body;  // null: no body (204)
};

// `path` is below /admin/api/v1 ("/plugins/drivers.openai"); `query` the raw
// query string without '?'. nullopt when the path is not a package route.
// Blocking (installs download): call it on a worker thread.
std::optional<PackageReply> dispatchPackageAdmin(PackageManager& manager, const std::string& method,
                                                 const std::string& path, const std::string& query,
                                                 const sdk::Json& body);

// {"error": {"type", "message"}} with the status matching `status`.
PackageReply packageError(const sdk::Status& status);

}  // namespace gateos::kernel::core::packages

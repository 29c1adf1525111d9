#pragma once
// A blocking admin API client for the CLI: one request to a running kernel.

#include <chrono>
#include <string>

#include "core/packages/package_admin.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::core::packages {

// `path` below /admin/api/v1 with an optional "?query". The reply carries the
// kernel's status and JSON body; transport failures are a Status
// ("kernel at http://…: connection refused").
sdk::Result<PackageReply> callAdmin(const std::string& baseUrl, const std::string& adminToken,
                                    const std::string& method, const std::string& path, const sdk::Json& body,
                                    std::chrono::seconds timeout = std::chrono::seconds(300));

}  // namespace gateos::kernel::core::packages

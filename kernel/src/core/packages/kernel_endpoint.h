#pragma once
// <data>/kernel.json: where the kernel serving a data directory listens, so
// that the CLI sends plugin operations to it (admin API, hot) instead of
// changing the data directory under its feet.
//   {"url": "http://127.0.0.1:8080", "pid": 1234}
// Written (0600) with an empty url as soon as the kernel opens the data
// directory (it is starting: the CLI waits rather than work behind its back),
// again with the url once the listener is up, removed on shutdown. A file whose
// process is gone is stale and ignored.

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "gateos/sdk/status.h"

namespace gateos::kernel::core::packages {

struct KernelEndpoint {
  std::string url;  // base URL of the listener
  long pid = 0;
};

inline std::filesystem::path kernelEndpointFile(const std::filesystem::path& dataRoot) {
  return dataRoot / "kernel.json";
}

// `host` as listened on; a wildcard address is reached through loopback.
// port 0: starting (url "").
sdk::Status writeKernelEndpoint(const std::filesystem::path& dataRoot, const std::string& host, unsigned port);
void removeKernelEndpoint(const std::filesystem::path& dataRoot) noexcept;
// The endpoint of a live kernel process, if any (url empty while it starts).
std::optional<KernelEndpoint> readKernelEndpoint(const std::filesystem::path& dataRoot);
// Waits up to `timeout` for a starting kernel to listen; nullopt when none runs
// (any more). kUnavailable when it is still starting after the timeout.
sdk::Result<std::optional<KernelEndpoint>> waitForKernelEndpoint(const std::filesystem::path& dataRoot,
                                                                  std::chrono::milliseconds timeout);

}  // namespace gateos::kernel::core::packages

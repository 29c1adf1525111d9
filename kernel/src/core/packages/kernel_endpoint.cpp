#include "core/packages/kernel_endpoint.h"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <thread>

#include "gateos/sdk/json.h"
#include "registry/file_util.h"

namespace gateos::kernel::core::packages {

sdk::Status writeKernelEndpoint(const std::filesystem::path& dataRoot, const std::string& host, unsigned port) {
  if (port == 0) {
    sdk::Json starting{{"url", ""}, {"pid", static_cast<long>(::getpid())}};
    return registry::writeFileAtomic(kernelEndpointFile(dataRoot), starting.dump() + "\n", 0600);
  }
  std::string reach = host;
  if (reach.empty() || reach == "0.0.0.0") reach = "127.0.0.1";
  if (reach == "::") reach = "::1";
  if (reach.find(':') != std::string::npos) reach = "[" + reach + "]";
  sdk::Json doc{{"url", "http://" + reach + ":" + std::to_string(port)}, {"pid", static_cast<long>(::getpid())}};
  return registry::writeFileAtomic(kernelEndpointFile(dataRoot), doc.dump() + "\n", 0600);
}

void removeKernelEndpoint(const std::filesystem::path& dataRoot) noexcept {
  std::error_code ec;
  // Only our own file: a second kernel on the same data directory may have replaced it.
  if (auto endpoint = readKernelEndpoint(dataRoot); endpoint && endpoint->pid == static_cast<long>(::getpid()))
    std::filesystem::remove(kernelEndpointFile(dataRoot), ec);
}

std::optional<KernelEndpoint> readKernelEndpoint(const std::filesystem::path& dataRoot) {
  auto text = registry::readFileCapped(kernelEndpointFile(dataRoot), 4096);
  if (!text) return std::nullopt;
  auto doc = sdk::Json::parse(text.value(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("url") || !doc["url"].is_string() ||
      !doc.contains("pid") || !doc["pid"].is_number_integer())
    return std::nullopt;
  KernelEndpoint endpoint{doc["url"].get<std::string>(), doc["pid"].get<long>()};
  if (endpoint.pid <= 0) return std::nullopt;
  // Signal 0 checks existence; EPERM means it exists under another user.
  if (::kill(static_cast<pid_t>(endpoint.pid), 0) != 0 && errno != EPERM) return std::nullopt;
  return endpoint;
}

sdk::Result<std::optional<KernelEndpoint>> waitForKernelEndpoint(const std::filesystem::path& dataRoot,
                                                                  std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    auto endpoint = readKernelEndpoint(dataRoot);
    if (!endpoint || !endpoint->url.empty()) return endpoint;
    if (std::chrono::steady_clock::now() > deadline)
      return sdk::Status(sdk::StatusCode::kUnavailable, "the kernel serving " + dataRoot.string() + " (pid " +
                                                            std::to_string(endpoint->pid) + ") is still starting");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace gateos::kernel::core::packages

#pragma once
// The kernel process: opens the data directory, activates plugins, builds the
// provider catalog and serves until SIGTERM/SIGINT, then drains.

#include <memory>
#include <string>

#include "core/kernel_config.h"
#include "gateos/sdk/status.h"

namespace gateos::kernel::core {

class Kernel {
 public:
  explicit Kernel(KernelConfig config);
  ~Kernel();

  // Opens everything and starts listening; prints the listening line.
  sdk::Status start();
  // Blocks until a termination signal, then drains and stops. Returns the exit code.
  int runUntilSignal();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace gateos::kernel::core

#pragma once
// One plugin shared library, opened with RTLD_NOW | RTLD_LOCAL through
// Boost.DLL, and its C descriptor, checked before any C++ object is created:
// entry symbol present, descriptor complete, ABI major equal and minor not newer
// than the kernel's, build signature byte-for-byte the kernel's, id and version
// equal to the manifest's. Destroying the object unmaps the code: keep it
// (through shared_ptr) until every object the library created is gone.

#include <filesystem>
#include <memory>
#include <string_view>

#include <boost/dll/shared_library.hpp>

#include "gateos/sdk/abi.h"
#include "gateos/sdk/status.h"
#include "plugins/manifest.h"

namespace gateos::kernel::plugins {

class PluginLibrary {
 public:
  // Loads manifest.libraryPath() and checks its descriptor. Errors name the
  // plugin id and the library: "drivers.foo: missing entry point
  // gateos_plugin_entry in libx.so", "drivers.foo: ABI 2.0 does not match kernel ABI 1.0".
  static sdk::Result<std::shared_ptr<PluginLibrary>> open(const Manifest& manifest);

  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;
  ~PluginLibrary();

  // OWNERSHIP: static storage inside the library; valid while *this lives.
  const gateos_plugin_descriptor& descriptor() const noexcept { return *descriptor_; }
  const std::filesystem::path& path() const noexcept { return path_; }

  // The kernel's own GATEOS_BUILD_SIGNATURE.
  static std::string_view kernelBuildSignature() noexcept;

 private:
  PluginLibrary(boost::dll::shared_library library, const gateos_plugin_descriptor* descriptor,
                std::filesystem::path path);

  boost::dll::shared_library library_;
  const gateos_plugin_descriptor* descriptor_;
  std::filesystem::path path_;
};

}  // namespace gateos::kernel::plugins

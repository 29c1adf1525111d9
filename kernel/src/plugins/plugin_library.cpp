#include "plugins/plugin_library.h"

#include <cstring>
#include <exception>
#include <string>

#include "gateos/sdk/build_signature.h"

namespace gateos::kernel::plugins {
namespace {

using sdk::Status;
using sdk::StatusCode;

// A C string from the plugin, bounded so a corrupt descriptor cannot run away.
std::string plainString(const char* s) {
  if (s == nullptr) return "(null)";
  return std::string(s, strnlen(s, 512));
}

Status failed(const Manifest& m, StatusCode code, const std::string& message) {
  return Status(code, m.id + ": " + message);
}

Status checkDescriptor(const Manifest& m, const gateos_plugin_descriptor* d) {
  const std::string lib = m.library;
  if (d == nullptr) return failed(m, StatusCode::kFailedPrecondition, "entry point returned no descriptor in " + lib);
  if (d->abi_major != GATEOS_ABI_MAJOR || d->abi_minor > GATEOS_ABI_MINOR) {
    return failed(m, StatusCode::kFailedPrecondition,
                  "ABI " + std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor) +
                      " does not match kernel ABI " + std::to_string(GATEOS_ABI_MAJOR) + "." +
                      std::to_string(GATEOS_ABI_MINOR) + " (" + lib + ")");
  }
  if (d->build_signature == nullptr || std::strcmp(d->build_signature, GATEOS_BUILD_SIGNATURE) != 0) {
    return failed(m, StatusCode::kFailedPrecondition,
                  "build signature mismatch: plugin " + lib + " was built with '" + plainString(d->build_signature) +
                      "', kernel with '" GATEOS_BUILD_SIGNATURE "'");
  }
  if (d->plugin_id == nullptr || m.id != d->plugin_id) {
    return failed(m, StatusCode::kFailedPrecondition,
                  "library " + lib + " declares id '" + plainString(d->plugin_id) + "', manifest says '" + m.id + "'");
  }
  if (d->plugin_version == nullptr || m.version != d->plugin_version) {
    return failed(m, StatusCode::kFailedPrecondition,
                  "library " + lib + " declares version '" + plainString(d->plugin_version) + "', manifest says '" +
                      m.version + "'");
  }
  if (d->create == nullptr || d->destroy == nullptr) {
    return failed(m, StatusCode::kFailedPrecondition, "descriptor in " + lib + " lacks create or destroy");
  }
  return {};
}

}  // namespace

sdk::Result<std::shared_ptr<PluginLibrary>> PluginLibrary::open(const Manifest& m) {
  const auto path = m.libraryPath();
  boost::dll::shared_library library;
  try {
    // RTLD_NOW: an unresolved symbol fails here, not in the middle of a request.
    // RTLD_LOCAL: plugin symbols never interpose on the kernel's or each other's.
    // The throwing overload is used because only its message carries dlerror().
    library.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  } catch (const std::exception& e) {
    return failed(m, StatusCode::kFailedPrecondition, "cannot load " + path.string() + ": " + e.what());
  }
  if (!library.has(GATEOS_PLUGIN_ENTRY_SYMBOL)) {
    return failed(m, StatusCode::kFailedPrecondition,
                  "missing entry point " GATEOS_PLUGIN_ENTRY_SYMBOL " in " + m.library);
  }
  const gateos_plugin_descriptor* descriptor = nullptr;
  try {
    auto& entry = library.get<const gateos_plugin_descriptor*()>(GATEOS_PLUGIN_ENTRY_SYMBOL);
    descriptor = entry();
  } catch (const std::exception& e) {
    return failed(m, StatusCode::kInternal, GATEOS_PLUGIN_ENTRY_SYMBOL ": " + std::string(e.what()));
  } catch (...) {
    return failed(m, StatusCode::kInternal, GATEOS_PLUGIN_ENTRY_SYMBOL " threw an exception");
  }
  if (auto status = checkDescriptor(m, descriptor); !status) return status;
  return std::shared_ptr<PluginLibrary>(new PluginLibrary(std::move(library), descriptor, path));
}

PluginLibrary::PluginLibrary(boost::dll::shared_library library, const gateos_plugin_descriptor* descriptor,
                             std::filesystem::path path)
    : library_(std::move(library)), descriptor_(descriptor), path_(std::move(path)) {}

PluginLibrary::~PluginLibrary() = default;  // shared_library's destructor unloads

std::string_view PluginLibrary::kernelBuildSignature() noexcept { return GATEOS_BUILD_SIGNATURE; }

}  // namespace gateos::kernel::plugins

/* GateOS plugin ABI: the pure-C handshake every plugin exports.
 *
 * The kernel reads this descriptor before any C++ object crosses the library
 * boundary. A plugin whose ABI major differs, or whose build signature is not
 * byte-for-byte the kernel's, is refused with an error naming both sides.
 *
 * Why a build signature: the C++ interfaces pass std::string, nlohmann::json and
 * virtual tables across the boundary. Those are only compatible when compiler,
 * standard-library ABI, library versions and sanitizer instrumentation agree,
 * exactly like nginx refuses a module built against another configuration.
 */
#ifndef GATEOS_SDK_ABI_H
#define GATEOS_SDK_ABI_H

#include <stdint.h>

#define GATEOS_ABI_MAJOR 1u
#define GATEOS_ABI_MINOR 1u  /* 1.1: Plugin::asCommandProvider */

/* Name of the exported entry function (extern "C"). */
#define GATEOS_PLUGIN_ENTRY_SYMBOL "gateos_plugin_entry"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct gateos_plugin_descriptor {
  uint32_t abi_major;
  uint32_t abi_minor;
  /* OWNERSHIP: static storage inside the plugin; valid while it is loaded. */
  const char* build_signature;
  /* OWNERSHIP: static storage; must equal the manifest's "id". */
  const char* plugin_id;
  /* OWNERSHIP: static storage; must equal the manifest's "version". */
  const char* plugin_version;
  /* Creates the plugin object (a gateos::sdk::Plugin*). No I/O, must not throw.
   * OWNERSHIP: the caller owns the result and releases it with destroy(). */
  void* (*create)(void);
  /* Destroys an object returned by create(). */
  void (*destroy)(void* plugin);
} gateos_plugin_descriptor;

/* OWNERSHIP: the returned pointer refers to static storage in the plugin. */
typedef const gateos_plugin_descriptor* (*gateos_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* GATEOS_SDK_ABI_H */

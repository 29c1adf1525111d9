#pragma once
// libsodium helpers for the registry: sha256 and base64. Thread-safe.

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "gateos/sdk/status.h"

namespace gateos::registry {

// sodium_init(), once per process; any thread, any number of times.
sdk::Status initSodium();

// Lower-case hex sha256 of bytes / of a whole file (streamed).
std::string sha256Hex(std::string_view bytes);
sdk::Result<std::string> sha256FileHex(const std::filesystem::path& file);

std::string toHex(const unsigned char* bytes, std::size_t size);

// Standard base64 with padding (RFC 4648 §4).
std::string base64Encode(std::string_view bytes);
// Decodes standard base64; std::nullopt-like failure as a Status naming `what`.
sdk::Result<std::string> base64Decode(std::string_view text, std::string_view what);

}  // namespace gateos::registry

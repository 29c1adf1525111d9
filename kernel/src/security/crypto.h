#pragma once
// Small libsodium helpers shared by the security area. All thread-safe.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "gateos/sdk/status.h"

namespace gateos::kernel::security {

using Hash256 = std::array<unsigned char, 32>;

// sodium_init(), once per process; safe to call from any thread, any number of times.
sdk::Status initSodium();

// Unkeyed BLAKE2b-256 (crypto_generichash). Tokens are 256-bit random values, so a
// plain hash cannot be brute-forced and the database never needs the token itself.
Hash256 hashToken(std::string_view token) noexcept;

// prefix + 43 characters of URL-safe base64 (no padding) of 32 random bytes.
std::string randomToken(std::string_view prefix);
inline constexpr std::size_t kRandomTokenChars = 43;
// True when token is prefix followed by exactly kRandomTokenChars URL-safe base64 characters.
bool hasTokenShape(std::string_view token, std::string_view prefix) noexcept;

// Lower-case hex of bytes; `bytes` random bytes as hex.
std::string toHex(const unsigned char* bytes, std::size_t size);
std::string randomHex(std::size_t bytes);

}  // namespace gateos::kernel::security

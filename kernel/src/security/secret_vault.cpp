#include "security/secret_vault.h"

#include <sodium.h>

#include <vector>

#include "security/master_key.h"

namespace gateos::kernel::security {
namespace {

constexpr std::string_view kPrefix = "v1:";
constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;

sdk::Status invalid(const char* why) {
  return sdk::Status(sdk::StatusCode::kInvalidArgument, std::string("sealed secret: ") + why);
}

}  // namespace

sdk::Result<std::string> SecretVault::seal(std::string_view plaintext) {
  std::vector<unsigned char> box(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
  randombytes_buf(box.data(), crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(box.data() + crypto_secretbox_NONCEBYTES,
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(), box.data(),
                        key_.bytes());
  std::string out(kPrefix);
  const std::size_t encodedLen = sodium_base64_ENCODED_LEN(box.size(), kVariant);
  out.resize(kPrefix.size() + encodedLen);
  sodium_bin2base64(out.data() + kPrefix.size(), encodedLen, box.data(), box.size(), kVariant);
  out.resize(out.size() - 1);  // the encoder's terminating NUL
  return out;
}

sdk::Result<std::string> SecretVault::open(std::string_view sealed) {
  if (sealed.substr(0, kPrefix.size()) != kPrefix) return invalid("unknown format");
  const std::string_view encoded = sealed.substr(kPrefix.size());
  std::vector<unsigned char> box(encoded.size() / 4 * 3 + 3);
  std::size_t boxLen = 0;
  const char* end = nullptr;
  if (sodium_base642bin(box.data(), box.size(), encoded.data(), encoded.size(), nullptr, &boxLen, &end, kVariant) != 0 ||
      end != encoded.data() + encoded.size()) {
    return invalid("invalid base64");
  }
  if (boxLen < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) return invalid("too short");
  const std::size_t cipherLen = boxLen - crypto_secretbox_NONCEBYTES;
  std::string plain(cipherLen - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 box.data() + crypto_secretbox_NONCEBYTES, cipherLen, box.data(),
                                 key_.bytes()) != 0) {
    return invalid("authentication failed");
  }
  return plain;
}

}  // namespace gateos::kernel::security

#pragma once
// The placeholder mappings of live conversations: the one shared mutable
// structure of the plugin (every event loop uses it), kept only in memory.
//
// - Each conversation has its own random libsodium keys: a secretbox key that
//   encrypts every original value, and a BLAKE2b key that fingerprints values,
//   so the same secret maps to the same placeholder on every turn without any
//   plaintext being kept as a map key.
// - A conversation idle for longer than the TTL is wiped (keys and ciphertexts
//   zeroed with sodium_memzero) and forgotten: by sweep() (a periodic timer in
//   the plugin) and lazily when it is looked up.
// - Locking: 16 shards (mutex each) map conversation keys to conversations; a
//   conversation has its own mutex for its entries. No lock is held while
//   another is taken, except shard -> conversation in the destructor.

#include <array>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gateos::plugins::stages::secret_redaction {

class Conversation {
 public:
  Conversation();
  ~Conversation();
  Conversation(const Conversation&) = delete;
  Conversation& operator=(const Conversation&) = delete;

  // The placeholder for `value`; the same value always gets the same one
  // (the kind of its first detection). Empty after wipe().
  std::string placeholderFor(std::string_view kind, std::string_view value);

  // Decrypts the value behind placeholder (kind, id) into `out`; false when the
  // placeholder is unknown here or the conversation was wiped. The caller
  // zeroes `out` when done.
  bool reveal(std::string_view kind, std::string_view id, std::string& out) const;

  void wipe() noexcept;
  std::size_t size() const;

 private:
  struct Entry {
    std::string kind;
    std::string id;
    std::array<unsigned char, 24> nonce{};
    std::vector<unsigned char> cipher;
  };
  std::string newId(const std::string& fingerprint) const;

  mutable std::mutex mutex_;
  std::array<unsigned char, 32> boxKey_{};
  std::array<unsigned char, 32> hashKey_{};
  std::unordered_map<std::string, Entry> byFingerprint_;
  std::unordered_map<std::string, std::string> fingerprintById_;
  bool wiped_ = false;
};

class ConversationStore {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  using Clock = std::function<TimePoint()>;

  ConversationStore(std::chrono::seconds ttl, Clock clock);
  ~ConversationStore();

  // The conversation for `key`, created when absent or expired; marks it used.
  std::shared_ptr<Conversation> open(const std::string& key);
  // Like open() but never creates: null when absent or expired.
  std::shared_ptr<Conversation> find(const std::string& key);
  // Wipes and drops every conversation idle for longer than the TTL.
  std::size_t sweep();
  std::size_t size() const;
  std::chrono::seconds ttl() const noexcept { return ttl_; }

 private:
  struct Slot {
    std::shared_ptr<Conversation> conversation;
    TimePoint lastUsed;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<std::string, Slot> slots;
  };
  Shard& shardFor(const std::string& key);
  std::shared_ptr<Conversation> lookup(const std::string& key, bool create);

  std::chrono::seconds ttl_;
  Clock clock_;
  std::array<Shard, 16> shards_;
};

}  // namespace gateos::plugins::stages::secret_redaction

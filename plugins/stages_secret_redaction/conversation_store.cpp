#include "conversation_store.h"

#include <sodium.h>

#include "placeholder.h"

namespace gateos::plugins::stages::secret_redaction {
namespace {

constexpr char kBase32[] = "abcdefghijklmnopqrstuvwxyz234567";

std::string fingerprintOf(std::string_view value, const std::array<unsigned char, 32>& key) {
  unsigned char out[16];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(value.data()), value.size(), key.data(),
                     key.size());
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

}  // namespace

Conversation::Conversation() {
  randombytes_buf(boxKey_.data(), boxKey_.size());
  randombytes_buf(hashKey_.data(), hashKey_.size());
}

Conversation::~Conversation() { wipe(); }

std::string Conversation::newId(const std::string& fingerprint) const {
  // 30 bits of a keyed hash of the fingerprint; a collision with another value
  // of this conversation (about 1 in 10^9 per pair) takes the next counter.
  for (unsigned counter = 0;; ++counter) {
    std::string input = fingerprint + std::to_string(counter);
    unsigned char h[16];
    crypto_generichash(h, sizeof h, reinterpret_cast<const unsigned char*>(input.data()), input.size(),
                       hashKey_.data(), hashKey_.size());
    std::uint64_t bits = 0;
    for (int k = 0; k < 8; ++k) bits = (bits << 8) | h[k];
    std::string id;
    for (int k = 0; k < 6; ++k) id.push_back(kBase32[(bits >> (5 * k)) & 31]);
    if (!fingerprintById_.count(id)) return id;
  }
}

std::string Conversation::placeholderFor(std::string_view kind, std::string_view value) {
  std::lock_guard lock(mutex_);
  if (wiped_) return {};
  const std::string fp = fingerprintOf(value, hashKey_);
  auto it = byFingerprint_.find(fp);
  if (it == byFingerprint_.end()) {
    Entry e;
    e.kind = std::string(kind);
    e.id = newId(fp);
    randombytes_buf(e.nonce.data(), e.nonce.size());
    e.cipher.resize(value.size() + crypto_secretbox_MACBYTES);
    crypto_secretbox_easy(e.cipher.data(), reinterpret_cast<const unsigned char*>(value.data()), value.size(),
                          e.nonce.data(), boxKey_.data());
    fingerprintById_.emplace(e.id, fp);
    it = byFingerprint_.emplace(fp, std::move(e)).first;
  }
  return formatPlaceholder(it->second.kind, it->second.id);
}

bool Conversation::reveal(std::string_view kind, std::string_view id, std::string& out) const {
  std::lock_guard lock(mutex_);
  if (wiped_) return false;
  auto f = fingerprintById_.find(std::string(id));
  if (f == fingerprintById_.end()) return false;
  const Entry& e = byFingerprint_.at(f->second);
  if (e.kind != kind) return false;
  out.assign(e.cipher.size() - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(out.data()), e.cipher.data(), e.cipher.size(),
                                 e.nonce.data(), boxKey_.data()) != 0) {
    sodium_memzero(out.data(), out.size());
    out.clear();
    return false;
  }
  return true;
}

void Conversation::wipe() noexcept {
  std::lock_guard lock(mutex_);
  sodium_memzero(boxKey_.data(), boxKey_.size());
  sodium_memzero(hashKey_.data(), hashKey_.size());
  for (auto& [fp, e] : byFingerprint_) {
    if (!e.cipher.empty()) sodium_memzero(e.cipher.data(), e.cipher.size());
    sodium_memzero(e.nonce.data(), e.nonce.size());
  }
  byFingerprint_.clear();
  fingerprintById_.clear();
  wiped_ = true;
}

std::size_t Conversation::size() const {
  std::lock_guard lock(mutex_);
  return byFingerprint_.size();
}

ConversationStore::ConversationStore(std::chrono::seconds ttl, Clock clock) : ttl_(ttl), clock_(std::move(clock)) {}

ConversationStore::~ConversationStore() {
  for (auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    for (auto& [key, slot] : shard.slots) slot.conversation->wipe();
  }
}

ConversationStore::Shard& ConversationStore::shardFor(const std::string& key) {
  return shards_[std::hash<std::string>{}(key) % shards_.size()];
}

std::shared_ptr<Conversation> ConversationStore::lookup(const std::string& key, bool create) {
  const auto now = clock_();
  Shard& shard = shardFor(key);
  std::shared_ptr<Conversation> expired;
  std::shared_ptr<Conversation> result;
  {
    std::lock_guard lock(shard.mutex);
    auto it = shard.slots.find(key);
    if (it != shard.slots.end() && now - it->second.lastUsed > ttl_) {
      expired = std::move(it->second.conversation);
      shard.slots.erase(it);
      it = shard.slots.end();
    }
    if (it == shard.slots.end()) {
      if (create) {
        result = std::make_shared<Conversation>();
        shard.slots.emplace(key, Slot{result, now});
      }
    } else {
      it->second.lastUsed = now;
      result = it->second.conversation;
    }
  }
  if (expired) expired->wipe();
  return result;
}

std::shared_ptr<Conversation> ConversationStore::open(const std::string& key) { return lookup(key, true); }

std::shared_ptr<Conversation> ConversationStore::find(const std::string& key) { return lookup(key, false); }

std::size_t ConversationStore::sweep() {
  const auto now = clock_();
  std::size_t wiped = 0;
  for (auto& shard : shards_) {
    std::vector<std::shared_ptr<Conversation>> expired;
    {
      std::lock_guard lock(shard.mutex);
      for (auto it = shard.slots.begin(); it != shard.slots.end();) {
        if (now - it->second.lastUsed > ttl_) {
          expired.push_back(std::move(it->second.conversation));
          it = shard.slots.erase(it);
        } else {
          ++it;
        }
      }
    }
    for (auto& c : expired) c->wipe();
    wiped += expired.size();
  }
  return wiped;
}

std::size_t ConversationStore::size() const {
  std::size_t n = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    n += shard.slots.size();
  }
  return n;
}

}  // namespace gateos::plugins::stages::secret_redaction

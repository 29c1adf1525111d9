#include "scanner_cache.h"

#include <sodium.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <system_error>

namespace gateos::plugins::stages::secret_redaction {
namespace {

std::string cacheKey(const std::vector<HsExpression>& expressions) {
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  const std::string version = hs_version();
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(version.data()), version.size());
  for (const auto& e : expressions) {
    const std::string head = std::to_string(e.id) + ":" + std::to_string(e.flags) + ":" +
                             std::to_string(e.expression.size()) + ":";
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(head.data()), head.size());
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(e.expression.data()), e.expression.size());
  }
  unsigned char out[32];
  crypto_generichash_final(&state, out, sizeof out);
  char hex[65];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

// In-process cache: weak references, so a database lives only while some
// scanner uses it.
std::mutex& memoryMutex() {
  static std::mutex m;
  return m;
}
std::map<std::string, std::weak_ptr<const HsDatabase>>& memoryCache() {
  static std::map<std::string, std::weak_ptr<const HsDatabase>> cache;
  return cache;
}
// The last few databases stay alive even when no scanner uses them, so that a
// reconfigure (or a test suite) with the same patterns does not compile again.
std::deque<std::shared_ptr<const HsDatabase>>& recentlyUsed() {
  static std::deque<std::shared_ptr<const HsDatabase>> recent;
  return recent;
}
constexpr std::size_t kKeepRecent = 4;

void markUsed(const std::shared_ptr<const HsDatabase>& db) {
  auto& recent = recentlyUsed();
  recent.erase(std::remove(recent.begin(), recent.end(), db), recent.end());
  recent.push_front(db);
  if (recent.size() > kKeepRecent) recent.pop_back();
}

hs_database_t* loadFromDisk(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  hs_database_t* db = nullptr;
  if (hs_deserialize_database(bytes.data(), bytes.size(), &db) != HS_SUCCESS) return nullptr;
  return db;
}

void saveToDisk(const hs_database_t* db, const std::filesystem::path& dir, const std::filesystem::path& file) {
  char* bytes = nullptr;
  std::size_t size = 0;
  if (hs_serialize_database(db, &bytes, &size) != HS_SUCCESS) return;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const auto tmp = file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes, std::streamsize(size));
  }
  free(bytes);  // allocated by Hyperscan's default allocator (malloc)
  std::filesystem::rename(tmp, file, ec);  // a failed cache write only costs the next start
  if (ec) std::filesystem::remove(tmp, ec);
}

}  // namespace

sdk::Result<std::shared_ptr<const HsDatabase>> compileDatabase(const std::vector<HsExpression>& expressions,
                                                               const std::filesystem::path& cacheDir) {
  if (expressions.empty()) return std::shared_ptr<const HsDatabase>();
  const std::string key = cacheKey(expressions);
  std::lock_guard lock(memoryMutex());  // also keeps two configures from compiling the same set twice
  if (auto it = memoryCache().find(key); it != memoryCache().end())
    if (auto db = it->second.lock()) {
      markUsed(db);
      return db;
    }

  const auto file = cacheDir.empty() ? std::filesystem::path() : cacheDir / ("hs-" + key + ".db");
  hs_database_t* raw = file.empty() ? nullptr : loadFromDisk(file);
  if (raw == nullptr) {
    std::vector<const char*> exprs;
    std::vector<unsigned> flags, ids;
    for (const auto& e : expressions) {
      exprs.push_back(e.expression.c_str());
      flags.push_back(e.flags);
      ids.push_back(e.id);
    }
    hs_compile_error_t* error = nullptr;
    if (hs_compile_multi(exprs.data(), flags.data(), ids.data(), unsigned(exprs.size()), HS_MODE_BLOCK, nullptr, &raw,
                         &error) != HS_SUCCESS) {
      std::string message = error ? error->message : "unknown error";
      const int at = error ? error->expression : -1;
      if (error) hs_free_compile_error(error);
      return sdk::Status(sdk::StatusCode::kInvalidArgument,
                         "hyperscan: " + (at >= 0 ? "expression " + std::to_string(ids[at]) + ": " : "") + message)
          .withReason(at >= 0 ? std::to_string(ids[at]) : "");
    }
    if (!file.empty()) saveToDisk(raw, cacheDir, file);
  }
  auto db = std::make_shared<const HsDatabase>(raw);
  auto& cache = memoryCache();
  for (auto it = cache.begin(); it != cache.end();) it = it->second.expired() ? cache.erase(it) : std::next(it);
  cache[key] = db;
  markUsed(db);
  return std::shared_ptr<const HsDatabase>(db);
}

}  // namespace gateos::plugins::stages::secret_redaction

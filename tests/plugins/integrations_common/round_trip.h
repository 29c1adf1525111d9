#pragma once
// Shared by the integration plugin tests: connect a client in a temporary
// HOME, let "the user" edit the connected file, disconnect, and compare bytes.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <string>

#include "gateos/sdk/integration.h"
#include "gateos/sdk/integration/connect_plan.h"

namespace gateos::testing {

class TempHome {
 public:
  TempHome() {
    char pattern[] = "/tmp/gateos-home-XXXXXX";
    root_ = ::mkdtemp(pattern);
  }
  ~TempHome() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  const std::filesystem::path& path() const { return root_; }

 private:
  std::filesystem::path root_;
};

inline void writeText(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::optional<std::string> readText(const std::filesystem::path& path) {
  if (!std::filesystem::exists(path)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline void apply(const std::vector<sdk::ConfigChange>& changes) {
  for (const auto& c : changes) {
    if (c.remove)
      std::filesystem::remove(c.path);
    else
      writeText(c.path, c.after);
  }
}

inline sdk::ConnectOptions connectOptions(const std::filesystem::path& home) {
  sdk::ConnectOptions o;
  o.baseUrl = "http://127.0.0.1:18080";
  o.gatewayKey = "gsk_testkey";
  o.model = "mock/echo";
  o.home = home;
  return o;
}

struct RoundTrip {
  std::string connected;                 // the file right after connect
  std::optional<std::string> restored;   // after the user's edit and disconnect (nullopt: removed)
};

// `original` nullopt: no config file before connect. `userEdit` changes the
// connected file the way a user would (an unrelated line).
inline RoundTrip connectEditDisconnect(const sdk::Integration& integration, const sdk::ConnectOptions& options,
                                       const std::optional<std::string>& original,
                                       const std::function<std::string(std::string)>& userEdit) {
  RoundTrip out;
  const auto path = integration.configPaths(options).front();
  if (original) writeText(path, *original);
  auto plan = integration.planConnect(options);
  EXPECT_TRUE(plan) << plan.status().message();
  if (!plan) return out;
  apply(plan.value());
  out.connected = readText(path).value_or("");
  writeText(path, userEdit(out.connected));
  auto undo = integration.planDisconnect(options, sdk::integration::recordOf(plan.value()));
  EXPECT_TRUE(undo) << undo.status().message();
  if (!undo) return out;
  apply(undo.value());
  out.restored = readText(path);
  return out;
}

}  // namespace gateos::testing

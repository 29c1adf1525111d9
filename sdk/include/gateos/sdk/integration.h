#pragma once
// Kind "integration" (ids "integrations.*"): one client application. It
// recognises the client's requests from stable signals (User-Agent, headers,
// path prefix — never phrases in prompts), extracts what the pipeline needs,
// and plans the edits that connect / disconnect the client's own config.
// The kernel performs the file I/O (diff, confirmation, backup, atomic write).

#include <filesystem>
#include <string>
#include <vector>

#include "gateos/sdk/adapter.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/request_context.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk {

struct ConnectOptions {
  std::string baseUrl;     // e.g. "http://127.0.0.1:8080"
  std::string gatewayKey;  // created for this client
  std::string model;       // default model to configure
  std::filesystem::path home;
  std::filesystem::path project;  // empty: user-level
};

// One file's planned content. `after` empty with `remove` true deletes the file.
struct ConfigChange {
  std::filesystem::path path;
  bool existed = false;
  std::string before;
  std::string after;
  bool remove = false;
};

class Integration {
 public:
  virtual ~Integration() = default;

  virtual std::string_view clientName() const noexcept = 0;  // "Codex CLI"

  // Called on the request's executor for every request; cheap checks only.
  virtual bool recognizes(const InboundRequest& request) const noexcept = 0;

  // Fills files, kind and session id. `decoded` may be null.
  virtual void extract(const InboundRequest& request, const ChatRequest* decoded, ClientInfo& out) const noexcept = 0;

  // Config files the client reads (for `gateos clients`).
  virtual std::vector<std::filesystem::path> configPaths(const ConnectOptions& options) const = 0;

  // Plans the edits that point the client at GateOS (reads files, writes none).
  virtual Result<std::vector<ConfigChange>> planConnect(const ConnectOptions& options) const noexcept = 0;

  // Plans the edits that remove GateOS's own entries again, given the current
  // files and what connect recorded.
  virtual Result<std::vector<ConfigChange>> planDisconnect(const ConnectOptions& options,
                                                           const Json& connectRecord) const noexcept = 0;
};

}  // namespace gateos::sdk

#pragma once
// Per-request state shared by the pipeline. The kernel creates one per request
// and owns it; plugins read it and write annotations into it. It lives on the
// request's executor: no locking, never touched from another thread.
// Plugin objects never hold per-request state: keep it here or in the objects a
// plugin returns per request (ResponseEncoder, StageStream).

#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/cancellation.h"
#include "gateos/sdk/executor.h"
#include "gateos/sdk/headers.h"
#include "gateos/sdk/json.h"

namespace gateos::sdk {

enum class RequestKind { kChat, kAutocomplete, kEmbedding };

// A file the request is about, as a client integration or a stage found it.
struct FileRef {
  std::string path;      // as the client names it (relative or absolute)
  std::string language;  // e.g. "python"; empty when unknown
  bool primary = false;  // the file being edited / completed
};

// What the integration layer learnt about the calling application.
struct ClientInfo {
  std::string id;         // integration id without prefix, e.g. "codex"; empty if unknown
  std::string sessionId;  // conversation / session id if the client sends one
  RequestKind kind = RequestKind::kChat;
  std::vector<FileRef> files;
};

// A user-visible notice that the adapter renders in the client's dialect
// (e.g. "GateOS kept 2 secrets from reaching the model").
struct Notice {
  std::string source;  // plugin id
  std::string text;
  bool beforeAnswer = false;
};

struct RequestContext {
  std::string requestId;
  std::string workspace = "default";
  std::string keyId;           // gateway key id (never the key)
  std::string inboundDialect;  // e.g. "openai.chat"
  std::string_view method;
  std::string_view path;
  const Headers* headers = nullptr;  // client request headers
  ClientInfo client;
  Json annotations = Json::object();  // plugin id -> whatever a stage wants to record
  std::vector<Notice> notices;
  Executor* executor = nullptr;                  // the request's event loop
  CancellationSignal* cancellation = nullptr;    // fires on disconnect / deadline / drain
};

}  // namespace gateos::sdk

#include "core/packages/package_cli.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/data_directory.h"
#include "core/packages/admin_client.h"
#include "core/packages/kernel_endpoint.h"
#include "core/packages/local_registry.h"
#include "core/packages/package_admin.h"
#include "core/packages/package_manager.h"
#include "storage/database.h"

namespace gateos::kernel::core::packages {

namespace fs = std::filesystem;
using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

const char* packageCliUsage() {
  return "  plugin list | search [TEXT] | info ID                          installed plugins; the registries\n"
         "  plugin install ID[@RANGE]... | --all [--allow-unsigned] [--force]\n"
         "  plugin upgrade [ID[@RANGE]] [--allow-unsigned] [--force]      newer versions (all when no ID)\n"
         "  plugin remove ID [--force] | enable ID | disable ID\n"
         "  registry list | add NAME LOCATION [--priority N] | remove NAME\n"
         "  trust list | add KEY_FILE|BASE64_KEY [--name NAME] | remove KEY_ID\n"
         "  (pack and sign a plugin for a registry: gateos-registry, see docs/registry.md)\n";
}

namespace {

struct AdminCall {
  std::string method;
  std::string path;  // below /admin/api/v1, may hold "?query"
  Json body;
};

std::string percentEncode(const std::string& in) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '@' || c == '^') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

Status usage(const std::string& what) { return Status(StatusCode::kInvalidArgument, "usage: gateos " + what); }

// The admin request for a command line, or a usage error.
sdk::Result<std::vector<AdminCall>> toCalls(const std::string& command, const std::vector<std::string>& args,
                                            const std::map<std::string, std::string>& options) {
  auto has = [&](const char* name) { return options.count(name) > 0; };
  const std::string action = args.empty() ? "list" : args[0];
  const std::size_t n = args.size();
  std::vector<AdminCall> calls;
  if (command == "plugin") {
    Json flags = Json::object();
    if (has("allow-unsigned")) flags["allow_unsigned"] = true;
    if (has("force")) flags["force"] = true;
    if (action == "list" && n <= 1) return std::vector<AdminCall>{{"GET", "/plugins", nullptr}};
    if (action == "search" && n <= 2)
      return std::vector<AdminCall>{{"GET", "/packages" + (n == 2 ? "?q=" + percentEncode(args[1]) : ""), nullptr}};
    if (action == "info" && n == 2) return std::vector<AdminCall>{{"GET", "/plugins/" + percentEncode(args[1]), nullptr}};
    if (action == "install") {
      if (has("all") && n == 1) {
        Json body = flags;
        body["all"] = true;
        return std::vector<AdminCall>{{"POST", "/plugins", body}};
      }
      if (n < 2) return usage("plugin install ID[@RANGE]... | --all [--allow-unsigned] [--force]");
      for (std::size_t i = 1; i < n; ++i) {
        Json body = flags;
        body["id"] = args[i];
        calls.push_back({"POST", "/plugins", body});
      }
      return calls;
    }
    if (action == "upgrade" && n <= 2) {
      if (n == 1) return std::vector<AdminCall>{{"POST", "/plugins/upgrade", flags}};
      Json body = flags;
      const auto at = args[1].find('@');
      if (at != std::string::npos) body["range"] = args[1].substr(at + 1);
      return std::vector<AdminCall>{{"POST", "/plugins/" + percentEncode(args[1].substr(0, at)) + "/upgrade", body}};
    }
    if (action == "remove" && n == 2)
      return std::vector<AdminCall>{
          {"DELETE", "/plugins/" + percentEncode(args[1]) + (has("force") ? "?force=true" : ""), nullptr}};
    if ((action == "enable" || action == "disable") && n == 2)
      return std::vector<AdminCall>{{"POST", "/plugins/" + percentEncode(args[1]) + "/" + action, nullptr}};
    return usage(std::string("plugin\n") + packageCliUsage());
  }
  if (command == "registry") {
    if (action == "list" && n <= 1) return std::vector<AdminCall>{{"GET", "/registries", nullptr}};
    if (action == "add" && n == 3) {
      Json body{{"name", args[1]}, {"location", args[2]}};
      if (has("priority")) {
        try {
          body["priority"] = std::stoi(options.at("priority"));
        } catch (...) {
          return Status(StatusCode::kInvalidArgument, "--priority: expected an integer");
        }
      }
      // A relative folder is relative to where the command runs, not to the kernel.
      if (args[2].find("://") == std::string::npos) {
        std::error_code ec;
        body["location"] = fs::absolute(args[2], ec).lexically_normal().string();
      }
      return std::vector<AdminCall>{{"POST", "/registries", body}};
    }
    if (action == "remove" && n == 2)
      return std::vector<AdminCall>{{"DELETE", "/registries/" + percentEncode(args[1]), nullptr}};
    return usage("registry list | add NAME LOCATION [--priority N] | remove NAME");
  }
  if (command == "trust") {
    if (action == "list" && n <= 1) return std::vector<AdminCall>{{"GET", "/trust", nullptr}};
    if (action == "add" && n == 2) {
      std::string key = args[1];
      std::error_code ec;
      if (fs::is_regular_file(key, ec)) {  // a public key file
        std::ifstream in(args[1]);
        std::stringstream text;
        text << in.rdbuf();
        key = text.str();
      }
      Json body{{"public_key", key}};
      if (has("name")) body["name"] = options.at("name");
      return std::vector<AdminCall>{{"POST", "/trust", body}};
    }
    if (action == "remove" && n == 2)
      return std::vector<AdminCall>{{"DELETE", "/trust/" + percentEncode(args[1]), nullptr}};
    return usage("trust list | add KEY_FILE|BASE64_KEY [--name NAME] | remove KEY_ID");
  }
  return usage("plugin|registry|trust ...");
}

// Runs calls against a live kernel or in-process; stops at the first error.
class Executor {
 public:
  explicit Executor(const KernelConfig& config) : config_(config) {}

  sdk::Result<PackageReply> run(const AdminCall& call) {
    if (auto s = prepare(); !s) return s;
    if (endpoint_) return callAdmin(endpoint_->url, token_, call.method, call.path, call.body);
    auto q = call.path.find('?');
    auto reply = dispatchPackageAdmin(*manager_, call.method, call.path.substr(0, q),
                                      q == std::string::npos ? "" : call.path.substr(q + 1), call.body);
    if (!reply) return Status(StatusCode::kNotFound, "no route for " + call.method + " " + call.path);
    return std::move(reply).value();
  }

 private:
  Status prepare() {
    if (prepared_) return {};
    prepared_ = true;
    auto dir = DataDirectory::open(config_.dataDir);
    if (!dir) return dir.status();
    auto endpoint = waitForKernelEndpoint(dir->root, std::chrono::seconds(60));
    if (!endpoint) return endpoint.status();
    endpoint_ = endpoint.value();
    if (endpoint_) {
      std::ifstream in(dir->root / "admin.token");
      std::getline(in, token_);
      if (token_.empty()) return Status(StatusCode::kPermissionDenied, "cannot read " + (dir->root / "admin.token").string());
      return {};
    }
    if (auto s = bootstrapDataDirectory(dir->root); !s) return s;
    auto db = storage::Database::open(dir->database());
    if (!db) return db.status();
    database_ = std::move(db.value());
    if (auto s = database_->migrate(); !s) return s;
    PackageManagerOptions options;
    options.dataRoot = dir->root;
    options.database = database_.get();
    manager_ = std::make_unique<PackageManager>(std::move(options));
    return {};
  }

  const KernelConfig& config_;
  bool prepared_ = false;
  std::optional<KernelEndpoint> endpoint_;
  std::string token_;
  std::unique_ptr<storage::Database> database_;
  std::unique_ptr<PackageManager> manager_;
};

std::string str(const Json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

void printHuman(const AdminCall& call, const Json& body) {
  if (body.is_object() && body.contains("data") && body["data"].is_array()) {
    const bool plugins = call.path == "/plugins";
    const bool packages = call.path.rfind("/packages", 0) == 0;
    for (const auto& item : body["data"]) {
      if (plugins) {
        std::printf("%-34s %-10s %-9s %s\n", str(item, "id").c_str(), str(item, "version").c_str(),
                    str(item, "state").c_str(), str(item, "error").c_str());
      } else if (packages) {
        std::string installed = str(item, "installed");
        std::printf("%-34s %-10s %-11s %s%s\n", str(item, "id").c_str(), str(item, "version").c_str(),
                    str(item, "kind").c_str(), str(item, "description").c_str(),
                    installed.empty() ? "" : ("  [installed " + installed + "]").c_str());
      } else if (call.path == "/registries") {
        std::printf("%-16s %4d  %s\n", str(item, "name").c_str(), item.value("priority", 0),
                    str(item, "location").c_str());
      } else {
        std::printf("%s  %s\n", str(item, "id").c_str(), str(item, "name").c_str());
      }
    }
    if (body["data"].empty()) std::printf("(none)\n");
  } else if (body.is_object() && body.contains("message")) {
    std::printf("%s\n", str(body, "message").c_str());
  } else if (!body.is_null()) {
    std::printf("%s\n", body.dump(2).c_str());
  }
  if (body.is_object() && body.contains("warnings"))
    for (const auto& w : body["warnings"]) std::fprintf(stderr, "gateos: warning: %s\n", w.get<std::string>().c_str());
}

}  // namespace

int runPackageCli(const std::string& command, const std::vector<std::string>& positional,
                  const std::map<std::string, std::string>& options, const KernelConfig& config) {
  auto calls = toCalls(command, positional, options);
  if (!calls) {
    std::fprintf(stderr, "gateos: %s\n", calls.status().message().c_str());
    return 2;
  }
  Executor executor(config);
  const bool json = options.count("json") > 0;
  for (const auto& call : calls.value()) {
    auto reply = executor.run(call);
    if (!reply) {
      std::fprintf(stderr, "gateos: %s\n", reply.status().message().c_str());
      return 1;
    }
    const Json& body = reply->body;
    if (reply->status >= 400) {
      std::string message = body.is_object() && body.contains("error") ? str(body["error"], "message") : body.dump();
      std::fprintf(stderr, "gateos: %s\n", message.c_str());
      if (json) std::printf("%s\n", body.dump().c_str());
      return reply->status == 400 ? 2 : 1;
    }
    if (json)
      std::printf("%s\n", body.is_null() ? "{}" : body.dump().c_str());
    else
      printHuman(call, body);
  }
  return 0;
}

}  // namespace gateos::kernel::core::packages

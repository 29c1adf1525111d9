#include "core/integrations/client_cli.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/data_directory.h"
#include "core/packages/admin_client.h"
#include "core/packages/kernel_endpoint.h"

namespace gateos::kernel::core::integrations {

namespace fs = std::filesystem;
using sdk::Json;

const char* clientCliUsage() {
  return "  clients [--json]                                               client apps: detected, config paths, connected\n"
         "  connect CLIENT [--project DIR] [--model M] [--yes] [--dry-run]  point a client app at GateOS (shows a diff)\n"
         "  disconnect CLIENT [--dry-run]                                  take GateOS's entries out of its config again\n";
}

namespace {

int fail(const std::string& message, int code = 1) {
  std::fprintf(stderr, "gateos: %s\n", message.c_str());
  return code;
}

std::string str(const Json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}

struct Admin {
  std::string url, token;
};

sdk::Result<Admin> findKernel(const KernelConfig& config) {
  auto dir = DataDirectory::open(config.dataDir);
  if (!dir) return dir.status();
  auto endpoint = packages::waitForKernelEndpoint(dir->root, std::chrono::seconds(30));
  if (!endpoint) return endpoint.status();
  if (!endpoint.value())
    return sdk::Status(sdk::StatusCode::kFailedPrecondition,
                       "no kernel is serving " + dir->root.string() +
                           ": start `gateos serve` first (clients are pointed at the URL it listens on)");
  Admin admin{endpoint.value()->url, {}};
  std::ifstream in(dir->root / "admin.token");
  std::getline(in, admin.token);
  if (admin.token.empty()) return sdk::Status(sdk::StatusCode::kPermissionDenied, "cannot read the admin token");
  return admin;
}

sdk::Result<Json> call(const Admin& admin, const std::string& method, const std::string& path, const Json& body) {
  auto reply = packages::callAdmin(admin.url, admin.token, method, path, body, std::chrono::seconds(60));
  if (!reply) return reply.status();
  if (reply->status >= 400) {
    std::string message = reply->body.is_object() && reply->body.contains("error") ? str(reply->body["error"], "message")
                                                                                   : reply->body.dump();
    return sdk::Status(reply->status == 404 ? sdk::StatusCode::kNotFound : sdk::StatusCode::kFailedPrecondition, message);
  }
  return reply->body;
}

bool confirm(const std::string& question) {
  std::fprintf(stderr, "%s [y/N] ", question.c_str());
  std::fflush(stderr);
  std::string answer;
  if (!std::getline(std::cin, answer)) return false;
  return answer == "y" || answer == "Y" || answer == "yes";
}

std::string absolute(const std::string& dir) {
  std::error_code ec;
  return fs::absolute(dir, ec).lexically_normal().string();
}

void printFiles(const Json& reply) {
  for (const auto& f : reply.value("files", Json::array()))
    std::printf("  %-9s %s\n", str(f, "action").c_str(), str(f, "path").c_str());
}

int listClients(const Admin& admin, const std::map<std::string, std::string>& options, const Json& where) {
  std::string query = "/clients";
  if (where.contains("home")) query += "?home=" + where["home"].get<std::string>();
  auto reply = call(admin, "GET", query, nullptr);
  if (!reply) return fail(reply.status().message());
  if (options.count("json")) {
    std::printf("%s\n", reply->dump().c_str());
    return 0;
  }
  for (const auto& c : reply.value()["data"]) {
    std::printf("%-12s %-14s %-10s %s\n", str(c, "id").c_str(), str(c, "name").c_str(),
                c.value("connected", false) ? "connected" : c.value("detected", false) ? "detected" : "-",
                c["config_paths"].empty() ? "" : str(c["config_paths"][0], "path").c_str());
  }
  return 0;
}

}  // namespace

int runClientCli(const std::string& command, const std::vector<std::string>& positional,
                 const std::map<std::string, std::string>& options, const KernelConfig& config) {
  auto has = [&](const char* name) { return options.count(name) > 0; };
  auto admin = findKernel(config);
  if (!admin) return fail(admin.status().message());
  Json body = Json::object();
  if (const char* home = std::getenv("HOME"); home && *home) body["home"] = absolute(home);
  if (command == "clients") {
    if (!positional.empty()) return fail(std::string("usage:\n") + clientCliUsage(), 2);
    return listClients(admin.value(), options, body);
  }
  if (positional.size() != 1) return fail(std::string("usage:\n") + clientCliUsage(), 2);
  const std::string& client = positional[0];
  const bool json = has("json");
  if (command == "connect") {
    if (has("project")) body["project"] = absolute(options.at("project"));
    if (has("model")) body["model"] = options.at("model");
    body["dry_run"] = true;
    auto preview = call(admin.value(), "POST", "/clients/" + client + "/connect", body);
    if (!preview) return fail(preview.status().message());
    if (preview->value("connected", false)) {
      std::printf("%s\n", str(preview.value(), "message").c_str());
      return 0;
    }
    if (!json) std::fputs(str(preview.value(), "diff").c_str(), stdout);
    if (has("dry-run")) {
      if (json) std::printf("%s\n", preview->dump().c_str());
      return 0;
    }
    std::fflush(stdout);
    if (!has("yes") && !confirm("Apply these changes to " + client + "'s configuration?"))
      return fail("nothing changed (pass --yes to apply without asking)");
    body["dry_run"] = false;
    auto done = call(admin.value(), "POST", "/clients/" + client + "/connect", body);
    if (!done) return fail(done.status().message());
    if (json) {
      std::printf("%s\n", done->dump().c_str());
      return 0;
    }
    std::printf("connected %s to %s (model %s, gateway key %s); a backup of each changed file is in %s\n",
                client.c_str(), str(done.value(), "base_url").c_str(), str(done.value(), "model").c_str(),
                str(done.value(), "key_id").c_str(), str(done.value(), "backups").c_str());
    printFiles(done.value());
    return 0;
  }
  if (command == "disconnect") {
    body["dry_run"] = has("dry-run");
    auto done = call(admin.value(), "POST", "/clients/" + client + "/disconnect", body);
    if (!done) return fail(done.status().message());
    if (json) {
      std::printf("%s\n", done->dump().c_str());
      return 0;
    }
    std::fputs(str(done.value(), "diff").c_str(), stdout);
    if (!has("dry-run")) std::printf("disconnected %s; its gateway key is revoked\n", client.c_str());
    printFiles(done.value());
    return 0;
  }
  return fail(std::string("usage:\n") + clientCliUsage(), 2);
}

}  // namespace gateos::kernel::core::integrations

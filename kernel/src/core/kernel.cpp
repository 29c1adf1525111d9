#include "core/kernel.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <cstdio>
#include <fstream>
#include <future>
#include <spdlog/spdlog.h>

#include "core/admin/core_routes.h"
#include "core/admin_api.h"
#include "core/bundled_plugins.h"
#include "core/control_plane.h"
#include "core/data_directory.h"
#include "core/gateway.h"
#include "core/openai_chat_adapter.h"
#include "core/plugin_host.h"
#include "net/event_loops.h"
#include "net/http_server.h"
#include "net/upstream_client.h"
#include "plugins/plugin_manager.h"
#include "security/admin_credential.h"
#include "security/gateway_keys.h"
#include "security/master_key.h"
#include "security/secret_vault.h"
#include "storage/alert_log.h"
#include "storage/database.h"
#include "storage/kv_store.h"
#include "storage/plugin_state_store.h"
#include "storage/settings_store.h"

namespace gateos::kernel::core {

using sdk::Status;
using sdk::StatusCode;

namespace {
std::string readAdminToken(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string token;
  std::getline(in, token);
  return token;
}
}  // namespace

// Plugins installed and enabled on a fresh data directory.
static const std::set<std::string> kDefaultPlugins = {"drivers.mock", "drivers.openai", "drivers.anthropic",
                                                      "adapters.anthropic_messages", "stages.secret_redaction"};

struct Kernel::Impl {
  KernelConfig config;
  DataDirectory dataDir;
  std::unique_ptr<storage::Database> database;
  std::unique_ptr<security::MasterKey> masterKey;
  std::unique_ptr<security::SecretVault> vault;
  std::unique_ptr<security::GatewayKeys> keys;
  std::unique_ptr<security::AdminCredential> admin;
  std::unique_ptr<storage::AlertLog> alerts;
  MetricsRegistry metricsRegistry;
  std::unique_ptr<RequestMetrics> requestMetrics;
  std::unique_ptr<net::EventLoops> loops;
  boost::asio::thread_pool workers{2};
  std::unique_ptr<net::UpstreamClient> upstream;
  std::unique_ptr<plugins::PluginManager> plugins;
  std::unique_ptr<ControlPlane> control;
  GatewayServices services;
  std::unique_ptr<AdminApi> adminApi;
  std::unique_ptr<Gateway> gateway;
  std::unique_ptr<net::HttpServer> server;

  Status open();
  Status installDefaults();
};

Kernel::Kernel(KernelConfig config) : impl_(std::make_unique<Impl>()) { impl_->config = std::move(config); }

Kernel::~Kernel() {
  if (!impl_) return;
  impl_->server.reset();
  if (impl_->loops) impl_->loops->stop();
  impl_->workers.join();
  impl_->gateway.reset();
  impl_->control.reset();  // provider objects before their plugins
  impl_->plugins.reset();
  if (impl_->alerts) impl_->alerts->flush();
  if (impl_->keys) impl_->keys->flushLastUsed();
}

Status Kernel::Impl::installDefaults() {
  storage::PluginStateStore states(*database);
  auto installed = installBundledPlugins(config.bundledPluginDir, dataDir.plugins(), {});
  if (!installed) return installed.status();
  for (const auto& plugin : installed.value()) {
    auto existing = states.get(plugin.id);
    if (!existing) return existing.status();
    if (existing.value() && existing.value()->version == plugin.version) continue;
    storage::PluginStateRecord record;
    record.id = plugin.id;
    record.version = plugin.version;
    // A newer bundled build of an installed plugin keeps its enabled state.
    record.enabled = existing.value() ? existing.value()->enabled : kDefaultPlugins.count(plugin.id) > 0;
    if (existing.value()) record.config = existing.value()->config;
    if (auto s = states.upsert(record); !s) return s;
  }
  return {};
}

Status Kernel::Impl::open() {
  auto dir = DataDirectory::open(config.dataDir);
  if (!dir) return dir.status();
  dataDir = dir.value();
  auto db = storage::Database::open(dataDir.database());
  if (!db) return db.status();
  database = std::move(db.value());
  if (auto s = database->migrate(); !s) return s;

  auto key = security::MasterKey::loadOrCreate(dataDir.masterKey());
  if (!key) return key.status();
  masterKey = std::make_unique<security::MasterKey>(std::move(key.value()));
  vault = std::make_unique<security::SecretVault>(*masterKey);
  keys = std::make_unique<security::GatewayKeys>(*database);
  if (auto s = keys->reload(); !s) return s;
  storage::SettingsStore settings(*database);
  auto adminCredential = security::AdminCredential::loadOrCreate(dataDir.root, settings);
  if (!adminCredential) return adminCredential.status();
  admin = std::move(adminCredential.value());
  alerts = std::make_unique<storage::AlertLog>(*database);
  requestMetrics = std::make_unique<RequestMetrics>(metricsRegistry);

  loops = std::make_unique<net::EventLoops>(config.threads);
  upstream = std::make_unique<net::UpstreamClient>();

  PluginHostServices hostServices;
  hostServices.http = upstream.get();
  hostServices.vault = vault.get();
  hostServices.alerts = alerts.get();
  hostServices.metrics = &metricsRegistry;
  hostServices.background = &loops->executor(0);
  hostServices.workers = &workers;
  hostServices.dataRoot = dataDir.pluginData();
  storage::Database* databasePtr = database.get();
  plugins = std::make_unique<plugins::PluginManager>(
      [hostServices, databasePtr](const plugins::Manifest& manifest) -> std::unique_ptr<sdk::Host> {
        return std::make_unique<PluginHost>(hostServices, manifest.id, manifest.directory,
                                            std::make_unique<storage::KvStore>(*databasePtr, manifest.id));
      });

  if (auto s = installDefaults(); !s) return s.prefixed("install bundled plugins");
  // Secret redaction must see the request before any other stage (DESIGN.md).
  plugins->setStageOrder({"stages.secret_redaction", "stages.dependency_insight", "stages.prompt_templates"});

  ControlPlaneDeps deps;
  deps.config = &config;
  deps.database = database.get();
  deps.vault = vault.get();
  deps.keys = keys.get();
  deps.plugins = plugins.get();
  deps.background = &loops->executor(0);
  deps.runtimeStatus = [this]() {
    return sdk::Json{{"open_connections", server ? server->openConnections() : 0},
                     {"active_requests", server ? server->activeRequests() : 0},
                     {"draining", services.draining.load()}};
  };
  control = std::make_unique<ControlPlane>(std::move(deps));
  if (auto s = control->activateInstalledPlugins(); !s) return s;
  if (auto s = control->rebuildCatalog(); !s) spdlog::warn("providers: {}", s.message());

  services.verifyKey = [this](std::string_view presented) -> std::optional<GatewayKeyInfo> {
    auto info = keys->verify(presented);
    if (!info) return std::nullopt;
    return GatewayKeyInfo{info->id, info->workspace};
  };
  services.catalog = [this] { return control->catalog(); };
  services.stages = [this](const sdk::RequestContext&) {
    std::vector<ActiveStage> active;
    auto snapshot = plugins->snapshot();
    if (snapshot->stages().empty()) return active;
    // The snapshot keeps every stage's library loaded for the request's lifetime.
    std::shared_ptr<const void> lifetime = snapshot;
    for (const auto* loaded : snapshot->stages())
      if (loaded->stage()) active.push_back(ActiveStage{loaded->id(), loaded->stage(), lifetime});
    return active;
  };
  services.metrics = requestMetrics.get();

  adminApi = std::make_unique<AdminApi>(
      [this](std::string_view token) { return !token.empty() && admin->verify(token); }, workers);
  // Each feature registers its admin routes here, from its own file.
  registerCoreRoutes(adminApi->router(), *control);
  gateway = std::make_unique<Gateway>(services, *adminApi);
  gateway->addAdapter(std::make_shared<OpenAiChatAdapter>());
  // Adapter plugins (Anthropic Messages …): the shared_ptr shares ownership
  // with the plugin generation, so the library stays loaded while routed.
  for (const auto* loaded : plugins->snapshot()->adapters())
    if (auto owner = plugins->find(loaded->id()); owner && owner->adapter())
      gateway->addAdapter(std::shared_ptr<const sdk::Adapter>(owner, owner->adapter()));

  net::ServerOptions options;
  options.host = config.listenHost;
  options.port = config.listenPort;
  options.maxBodyBytes = config.maxBodyBytes;
  server = std::make_unique<net::HttpServer>(*loops, options, *gateway);
  return {};
}

Status Kernel::start() {
  if (auto s = impl_->open(); !s) return s;
  impl_->loops->start();
  auto port = impl_->server->start();
  if (!port) return port.status();
  std::string host = impl_->config.listenHost.find(':') != std::string::npos ? "[" + impl_->config.listenHost + "]"
                                                                             : impl_->config.listenHost;
  if (impl_->dataDir.created)
    std::printf("GateOS data directory created at %s\nadmin token (also in %s): %s\n", impl_->dataDir.root.c_str(),
                (impl_->dataDir.root / "admin.token").c_str(), readAdminToken(impl_->admin->tokenFile()).c_str());
  std::printf("GateOS listening on http://%s:%u\n", host.c_str(), static_cast<unsigned>(port.value()));
  std::fflush(stdout);
  return {};
}

int Kernel::runUntilSignal() {
  boost::asio::io_context main;
  boost::asio::signal_set signals(main, SIGINT, SIGTERM);
  int received = 0;
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (!ec) received = signal;
    main.stop();
  });
  // Housekeeping off the hot path: key last-used times reach the database in batches.
  boost::asio::steady_timer housekeeping(main);
  std::function<void()> arm = [&] {
    housekeeping.expires_after(std::chrono::seconds(3));
    housekeeping.async_wait([&](const boost::system::error_code& ec) {
      if (ec) return;
      boost::asio::post(impl_->workers, [this] {
        impl_->keys->flushLastUsed();
        // Keys created or revoked by `gateos key` on the same data directory.
        impl_->keys->reload();
      });
      arm();
    });
  };
  arm();
  main.run();
  spdlog::info("signal {} received: draining for up to {} ms", received, impl_->config.drainTimeout.count());
  impl_->services.draining = true;
  std::promise<void> drained;
  impl_->server->drain(impl_->config.drainTimeout, [&drained] { drained.set_value(); });
  drained.get_future().wait();
  impl_->loops->stop();
  spdlog::info("stopped");
  return 0;
}

}  // namespace gateos::kernel::core

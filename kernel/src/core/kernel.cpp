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
#include "core/control_plane.h"
#include "core/data_directory.h"
#include "core/embeddings/openai_embeddings_adapter.h"
#include "core/gateway.h"
#include "core/integrations/client_connections.h"
#include "core/integrations/client_detection.h"
#include "core/integrations/client_routes.h"
#include "core/openai_chat_adapter.h"
#include "core/packages/kernel_endpoint.h"
#include "core/packages/kernel_plugin_runtime.h"
#include "core/packages/kernel_startup.h"
#include "core/packages/package_routes.h"
#include "core/packages/package_manager.h"
#include "core/plugin_host.h"
#include "core/prompt_templates/template_routes.h"
#include "core/prompt_templates/template_section.h"
#include "core/prompt_templates/template_service.h"
#include "core/workspaces/plugin_settings_section.h"
#include "core/routing/filetype_rules_routes.h"
#include "core/workspaces/workspace_plugin_configs.h"
#include "core/workspaces/workspace_routes.h"
#include "core/workspaces/workspace_service.h"
#include "core/security_log/alert_routes.h"
#include "core/stats/stats_routes.h"
#include "core/ui/admin_auth.h"
#include "core/ui/session_routes.h"
#include "core/ui/ui_handler.h"
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

using sdk::Json;
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

// Plugins installed from the local registry on a fresh data directory; every
// other plugin is one `gateos plugin install` away.
// stages.prompt_templates does nothing (and keeps pass-through) until a template is saved.
static const std::vector<std::string> kDefaultPlugins = {
    "drivers.mock", "stages.secret_redaction", "stages.prompt_templates",
    // Client integrations are tiny and passive (docs/decisions.md): `gateos connect` works out of the box.
    "integrations.aider", "integrations.claude_code", "integrations.codex", "integrations.continue",
    "integrations.opencode", "integrations.sdk"};

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
  std::unique_ptr<PromptTemplateService> templates;
  std::unique_ptr<WorkspacePluginConfigs> workspacePluginConfigs;
  std::unique_ptr<WorkspaceService> workspaces;
  std::shared_ptr<PluginSettingsSection> pipelineSection;
  std::shared_ptr<PluginSettingsSection> policiesSection;
  GatewayServices services;
  std::unique_ptr<ui::AdminSessions> adminSessions;
  std::unique_ptr<ui::AdminAuth> adminAuth;
  std::unique_ptr<AdminApi> adminApi;
  std::unique_ptr<ui::UiHandler> ui;
  std::unique_ptr<Gateway> gateway;
  std::unique_ptr<net::HttpServer> server;
  std::unique_ptr<packages::KernelPluginRuntime> pluginRuntime;
  std::unique_ptr<packages::PackageManager> packageManager;
  std::unique_ptr<integrations::ClientConnections> clientConnections;
  std::unique_ptr<integrations::ClientDetection> clientDetection;

  Status open();
  void refreshAdapters();
};

Kernel::Kernel(KernelConfig config) : impl_(std::make_unique<Impl>()) { impl_->config = std::move(config); }

Kernel::~Kernel() {
  if (!impl_) return;
  if (!impl_->dataDir.root.empty()) packages::removeKernelEndpoint(impl_->dataDir.root);
  impl_->server.reset();
  if (impl_->loops) impl_->loops->stop();
  impl_->workers.join();
  impl_->gateway.reset();
  impl_->control.reset();  // provider objects before their plugins
  impl_->plugins.reset();
  if (impl_->alerts) impl_->alerts->flush();
  if (impl_->keys) impl_->keys->flushLastUsed();
}

// Adapter plugins (Anthropic Messages …) from the current plugin set: the
// shared_ptr shares ownership with the plugin generation, so the library stays
// loaded while a route or a request uses it.
void Kernel::Impl::refreshAdapters() {
  std::vector<std::shared_ptr<const sdk::Adapter>> adapters;
  auto snapshot = plugins->snapshot();
  for (const auto* loaded : snapshot->adapters())
    if (auto owner = snapshot->share(loaded->id()); owner && owner->adapter())
      adapters.push_back(std::shared_ptr<const sdk::Adapter>(owner, owner->adapter()));
  gateway->setPluginAdapters(std::move(adapters));
}

Status Kernel::Impl::open() {
  auto dir = DataDirectory::open(config.dataDir);
  if (!dir) return dir.status();
  dataDir = dir.value();
  // Announces a starting kernel: `gateos plugin …` waits for it instead of
  // changing the data directory behind its back.
  if (auto s = packages::writeKernelEndpoint(dataDir.root, config.listenHost, 0); !s)
    spdlog::warn("kernel.json: {}", s.message());
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
  plugins = std::make_unique<plugins::PluginManager>(pluginHostFactory(hostServices, *databasePtr));

  if (auto s = packages::preparePlugins(dataDir.root, *database, kDefaultPlugins); !s) return s.prefixed("plugins");
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
  // Prompt templates reach stages.prompt_templates as its "templates" config.
  PromptTemplateServiceDeps templateDeps;
  templateDeps.database = database.get();
  templateDeps.reconfigurePlugin = [this]() -> Status {
    auto active = plugins->find(kPromptTemplatesPluginId);
    if (!active) return {};  // disabled: the templates wait for it
    sdk::Json config = active->config();
    config["templates"] = *templates->templatesConfig();
    return plugins->activate(active->manifest(), config);
  };
  // Templates are workspace-scoped: they follow the workspaces' existence and
  // their changes are serialised with every other workspace change.
  templateDeps.workspaceExists = [this](std::string_view name) {
    return workspaces && workspaces->snapshot()->find(name) != nullptr;
  };
  templateDeps.runChange = [this](const std::function<Status()>& change) { return workspaces->change(change); };
  templates = std::make_unique<PromptTemplateService>(std::move(templateDeps));
  if (auto s = templates->load(); !s) return s.prefixed("prompt templates");
  // Per-workspace plugin settings reach plugins as their "workspaces" config
  // (see workspaces/workspace_plugin_configs.h). Both overlays read memory
  // only: the manager calls them with its writers' mutex held.
  workspacePluginConfigs = std::make_unique<WorkspacePluginConfigs>(*database, *plugins, config);
  if (auto s = workspacePluginConfigs->refresh(); !s) return s.prefixed("workspace plugin settings");
  plugins->setConfigOverlay([this](const std::string& id, sdk::Json config) {
    config = workspacePluginConfigs->overlay(id, std::move(config));
    if (id == kPromptTemplatesPluginId) config["templates"] = *templates->templatesConfig();
    return config;
  });
  deps.workspaceExists = [this](const std::string& name) { return workspaces && workspaces->snapshot()->find(name); };
  control = std::make_unique<ControlPlane>(std::move(deps));
  if (auto s = control->activateInstalledPlugins(); !s) return s;
  if (auto s = packages::checkConfiguredDrivers(config, *database); !s) return s;
  if (auto s = control->rebuildCatalog(); !s) spdlog::warn("providers: {}", s.message());

  workspaces = std::make_unique<WorkspaceService>(*database, [this](std::string_view name) {
    std::size_t n = 0;
    if (auto all = keys->list(); all)
      for (const auto& k : all.value()) n += k.workspace == name && !k.revokedAt;
    return n;
  });
  auto modelExists = [this](std::string_view model) { return control->catalog()->contains(model); };
  pipelineSection = std::make_shared<PluginSettingsSection>("pipeline", "stages.", *database, *workspacePluginConfigs, nullptr);
  policiesSection =
      std::make_shared<PluginSettingsSection>("policies", "policies.", *database, *workspacePluginConfigs, modelExists);
  // Each workspace-scoped feature registers its section here (docs/workspaces.md).
  workspaces->sections().add(pipelineSection);
  workspaces->sections().add(policiesSection);
  workspaces->sections().add(std::make_shared<PromptTemplatesSection>(*templates));
  if (auto s = workspaces->reload(); !s) return s.prefixed("workspaces");

  services.verifyKey = [this](std::string_view presented) -> std::optional<GatewayKeyInfo> {
    auto info = keys->verify(presented);
    if (!info) return std::nullopt;
    return GatewayKeyInfo{info->id, info->workspace};
  };
  services.catalog = [this] { return control->catalog(); };
  services.stages = [this](const sdk::RequestContext& context) {
    std::vector<ActiveStage> active;
    auto snapshot = plugins->snapshot();
    if (snapshot->stages().empty()) return active;
    // The snapshot keeps every stage's library loaded for the request's lifetime.
    std::shared_ptr<const void> lifetime = snapshot;
    for (const auto* loaded : snapshot->stages())
      if (loaded->stage()) active.push_back(ActiveStage{loaded->id(), loaded->stage(), lifetime});
    // The workspace's pipeline: its order, without the stages it switched off.
    auto ws = workspaces->snapshot();
    applyWorkspaceOrder(ws->find(context.workspace), active, [](const ActiveStage& a) -> const std::string& { return a.id; });
    return active;
  };
  services.policies = [this](const sdk::RequestContext& context) {
    std::vector<ActivePolicy> active;
    auto snapshot = plugins->snapshot();
    if (snapshot->policies().empty()) return active;
    std::shared_ptr<const void> lifetime = snapshot;
    for (const auto* loaded : snapshot->policies())
      if (loaded->policy()) active.push_back(ActivePolicy{loaded->id(), loaded->policy(), lifetime});
    auto ws = workspaces->snapshot();
    applyWorkspaceOrder(ws->find(context.workspace), active, [](const ActivePolicy& a) -> const std::string& { return a.id; });
    return active;
  };
  services.workspaces = [this] { return workspaces->snapshot(); };
  services.metrics = requestMetrics.get();

  // Client integrations: `gateos connect` and request labelling (core/integrations).
  integrations::ClientConnectionsDeps clientDeps;
  clientDeps.dataRoot = dataDir.root;
  clientDeps.plugins = [this] { return plugins->snapshot(); };
  clientDeps.keys = keys.get();
  clientDeps.baseUrl = [this] {
    auto endpoint = packages::readKernelEndpoint(dataDir.root);
    return endpoint ? endpoint->url : std::string();
  };
  clientDeps.defaultModel = [this] {
    auto catalog = control->catalog();
    if (!catalog->aliases().empty()) return catalog->aliases().begin()->first;
    for (const auto& [name, entry] : catalog->providers())
      if (!entry->models.empty()) return name + "/" + entry->models.front();
    return std::string();
  };
  clientConnections = std::make_unique<integrations::ClientConnections>(std::move(clientDeps));
  if (auto s = clientConnections->load(); !s) return s.prefixed("clients");
  clientDetection = std::make_unique<integrations::ClientDetection>([this] { return plugins->snapshot(); },
                                                                    *clientConnections, &metricsRegistry);
  services.identifyClient = [this](sdk::RequestContext& context, const sdk::InboundRequest& request,
                                   std::string_view hint) { clientDetection->identify(context, request, hint); };

  // The admin API takes the admin token (scripts) or a web UI session (cookie + CSRF token).
  adminSessions = std::make_unique<ui::AdminSessions>();
  adminAuth = std::make_unique<ui::AdminAuth>([this](std::string_view token) { return admin->verify(token); },
                                              *adminSessions);
  adminApi = std::make_unique<AdminApi>(
      [auth = adminAuth.get()](std::string_view method, std::string_view path, const sdk::Headers& headers) {
        return auth->authorizeRoute(method, path, headers);
      },
      workers);
  // Each feature registers its admin routes here, from its own file.
  registerCoreRoutes(adminApi->router(), *control);
  registerPromptTemplateRoutes(adminApi->router(), *templates);
  registerWorkspaceRoutes(adminApi->router(), {*workspaces, *pipelineSection, *workspacePluginConfigs, *plugins});
  registerFiletypeRuleRoutes(adminApi->router(),
                             {*workspaces, *policiesSection, *plugins, [this] { return control->catalog(); }});
  ui::registerSessionRoutes(adminApi->router(), *adminAuth);
  registerAlertRoutes(adminApi->router(), *alerts);
  registerStatsRoutes(adminApi->router(), StatsSources{&requestMetrics->recent(), [this] {
                        sdk::Json status = control->status();
                        status["active_streams"] = static_cast<std::int64_t>(requestMetrics->activeStreams().value());
                        return status;
                      }});
  integrations::registerClientRoutes(adminApi->router(), *clientConnections);
  gateway = std::make_unique<Gateway>(services, *adminApi);
  ui = ui::UiHandler::locate();  // the built web UI, read into memory once
  gateway->setUi(ui.get());
  gateway->addAdapter(std::make_shared<OpenAiChatAdapter>());
  gateway->addAdapter(std::make_shared<OpenAiEmbeddingsAdapter>());
  refreshAdapters();

  // Plugin operations (admin API, CLI) take effect in this running kernel.
  pluginRuntime = std::make_unique<packages::KernelPluginRuntime>(*plugins, config.pluginConfigs, [this] {
    control->pluginsChanged();
    refreshAdapters();
  });
  packages::PackageManagerOptions packageOptions;
  packageOptions.dataRoot = dataDir.root;
  packageOptions.database = database.get();
  packageOptions.runtime = pluginRuntime.get();
  packageManager = std::make_unique<packages::PackageManager>(std::move(packageOptions));
  packages::registerPackageRoutes(adminApi->router(), *packageManager);

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
  if (auto s = packages::writeKernelEndpoint(impl_->dataDir.root, impl_->config.listenHost, port.value()); !s)
    spdlog::warn("kernel.json: {}", s.message());
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
  packages::removeKernelEndpoint(impl_->dataDir.root);
  spdlog::info("stopped");
  return 0;
}

}  // namespace gateos::kernel::core

#pragma once
// The file-system half of an install transaction. The kernel drives it:
//
//   auto plan = planInstall(indexes, "drivers.openai", "^1.2", installedVersions);
//   Installer installer(dataDir / "plugins", trustStore, options);
//   auto tx = installer.stage(plan.value());   // download, verify, unpack, read manifests
//   if (!tx) return tx.status();               // nothing changed
//   if (auto s = tx->commit(); !s) return s;   // renamed into place (undone on failure)
//   ... record in the database, load, configure, start: on failure tx->rollback() ...
//   tx->finish();                              // keep it
//
// A transaction destroyed without finish() rolls back, so an early return or
// an exception cannot leave half an install behind. Not thread-safe: the
// kernel serializes operations on the plugins folder.

#include <filesystem>
#include <vector>

#include "gateos/sdk/status.h"
#include "plugins/manifest.h"
#include "registry/resolver.h"
#include "registry/trust_store.h"
#include "registry/unpack.h"
#include "registry/verify.h"

namespace gateos::registry {

struct InstallerOptions {
  bool allowUnsigned = false;  // this install accepts unsigned / untrusted packages
  UnpackLimits unpack;
  ResolveTarget target;        // checked again at stage, whatever built the plan
};

class InstallTransaction {
 public:
  enum class State { kStaged, kCommitted, kFinished, kRolledBack };

  struct Package {
    PackageEntry entry;
    std::filesystem::path stagingDir;        // <plugins>/.staging-<id>-<version>
    std::filesystem::path installDir;        // <plugins>/<id>/<version>
    kernel::plugins::Manifest manifest;      // validated; directory = installDir once committed
    bool committed = false;
    bool createdIdDir = false;               // <plugins>/<id> did not exist before this install
  };

  InstallTransaction(InstallTransaction&& other) noexcept;
  // Rolls back what this transaction held (unless finished), then takes over `other`.
  InstallTransaction& operator=(InstallTransaction&& other) noexcept;
  InstallTransaction(const InstallTransaction&) = delete;
  InstallTransaction& operator=(const InstallTransaction&) = delete;
  ~InstallTransaction();  // rollback() unless finished

  // In plan order (dependencies first).
  const std::vector<Package>& packages() const noexcept { return packages_; }
  State state() const noexcept { return state_; }

  // Renames every staging folder to its install folder, in order. On failure
  // undoes everything (state kRolledBack) and returns the error.
  sdk::Status commit();
  // Removes every folder this transaction created (install folders, staging
  // folders, <plugins>/<id> folders it made). Safe to call in any state but
  // kFinished, and more than once.
  void rollback() noexcept;
  // The kernel has recorded and started everything: nothing to undo any more.
  void finish() noexcept;

 private:
  friend class Installer;
  InstallTransaction() = default;
  std::vector<Package> packages_;
  State state_ = State::kStaged;
  bool moved_ = false;
};

class Installer {
 public:
  // `pluginsDir` is created when missing.
  Installer(std::filesystem::path pluginsDir, const TrustStore& trust, InstallerOptions options = {});

  // For each package in plan order: refuse one already installed (kConflict),
  // check platform/ABI, fetch, verifyPackage, unpackToStaging into
  // <plugins>/.staging-<id>-<version>, Manifest::load the staged folder. On any
  // failure everything staged so far is removed and the plugins folder is as
  // before. Errors are prefixed "install <id> <version>".
  sdk::Result<InstallTransaction> stage(const InstallPlan& plan) const;

  // Leftovers of an interrupted install (".staging-*" folders); remove them at
  // start-up, before any install runs.
  void removeStaleStaging() const;

  std::filesystem::path stagingDirFor(const PackageEntry& entry) const;
  std::filesystem::path installDirFor(const PackageEntry& entry) const;
  const std::filesystem::path& pluginsDir() const noexcept { return pluginsDir_; }

 private:
  std::filesystem::path pluginsDir_;
  const TrustStore& trust_;
  InstallerOptions options_;
};

}  // namespace gateos::registry

#include "registry/installer.h"

#include <utility>

#include "registry/file_util.h"

namespace gateos::registry {
namespace {

namespace fs = std::filesystem;
using sdk::Status;
using sdk::StatusCode;

constexpr std::string_view kStagingPrefix = ".staging-";

}  // namespace

InstallTransaction::InstallTransaction(InstallTransaction&& other) noexcept
    : packages_(std::move(other.packages_)), state_(other.state_) {
  other.moved_ = true;
}

InstallTransaction& InstallTransaction::operator=(InstallTransaction&& other) noexcept {
  if (this != &other) {
    if (!moved_) rollback();
    packages_ = std::move(other.packages_);
    state_ = other.state_;
    moved_ = other.moved_;
    other.moved_ = true;
  }
  return *this;
}

InstallTransaction::~InstallTransaction() {
  if (!moved_) rollback();
}

Status InstallTransaction::commit() {
  if (state_ != State::kStaged)
    return Status(StatusCode::kFailedPrecondition, "install transaction: commit after commit or rollback");
  for (auto& p : packages_) {
    const std::string context = "install " + p.entry.id + " " + p.entry.version;
    std::error_code ec;
    const fs::path idDir = p.installDir.parent_path();
    if (!fs::exists(idDir, ec)) {
      fs::create_directory(idDir, ec);
      if (ec) {
        rollback();
        return Status(StatusCode::kInternal, context + ": create " + idDir.string() + ": " + ec.message());
      }
      p.createdIdDir = true;
    }
    if (fs::exists(fs::symlink_status(p.installDir, ec))) {
      rollback();
      return Status(StatusCode::kConflict, context + ": " + p.installDir.string() + " already exists");
    }
    // rename(2) of a directory within one file system is atomic: the version
    // folder appears complete or not at all.
    fs::rename(p.stagingDir, p.installDir, ec);
    if (ec) {
      rollback();
      return Status(StatusCode::kInternal, context + ": rename into place: " + ec.message());
    }
    p.committed = true;
    p.manifest.directory = p.installDir;
  }
  state_ = State::kCommitted;
  return {};
}

void InstallTransaction::rollback() noexcept {
  if (state_ == State::kFinished || state_ == State::kRolledBack) return;
  // Reverse order: dependents before their dependencies.
  for (auto it = packages_.rbegin(); it != packages_.rend(); ++it) {
    if (it->committed) removeTreeQuietly(it->installDir);
    removeTreeQuietly(it->stagingDir);
    if (it->createdIdDir) removeTreeQuietly(it->installDir.parent_path());
    it->committed = false;
    it->createdIdDir = false;
  }
  state_ = State::kRolledBack;
}

void InstallTransaction::finish() noexcept {
  if (state_ == State::kCommitted) state_ = State::kFinished;
}

Installer::Installer(fs::path pluginsDir, const TrustStore& trust, InstallerOptions options)
    : pluginsDir_(std::move(pluginsDir)), trust_(trust), options_(std::move(options)) {}

fs::path Installer::stagingDirFor(const PackageEntry& entry) const {
  return pluginsDir_ / (std::string(kStagingPrefix) + entry.id + "-" + entry.version);
}

fs::path Installer::installDirFor(const PackageEntry& entry) const { return pluginsDir_ / entry.id / entry.version; }

void Installer::removeStaleStaging() const {
  std::error_code ec;
  for (auto it = fs::directory_iterator(pluginsDir_, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    if (it->path().filename().string().rfind(kStagingPrefix, 0) == 0) removeTreeQuietly(it->path());
  }
}

sdk::Result<InstallTransaction> Installer::stage(const InstallPlan& plan) const {
  std::error_code ec;
  fs::create_directories(pluginsDir_, ec);
  if (ec) return Status(StatusCode::kInternal, "create " + pluginsDir_.string() + ": " + ec.message());
  VerifyOptions verify;
  verify.allowUnsigned = options_.allowUnsigned;

  InstallTransaction tx;  // rolls back (removes what it holds) on every early return
  for (const auto& resolved : plan.packages) {
    const PackageEntry& entry = resolved.entry;
    const std::string context = "install " + entry.id + " " + entry.version;
    InstallTransaction::Package p;
    p.entry = entry;
    p.stagingDir = stagingDirFor(entry);
    p.installDir = installDirFor(entry);
    if (fs::exists(fs::symlink_status(p.installDir, ec)))
      return Status(StatusCode::kConflict, context + ": already installed in " + p.installDir.string());
    if (auto s = checkCompatible(entry, options_.target); !s) return s.prefixed(context);
    if (!resolved.source) return Status(StatusCode::kInvalidArgument, context + ": no registry to fetch from");

    auto download = resolved.source->fetchPackage(entry);
    if (!download) return download.status().prefixed(context);
    if (auto v = verifyPackage(download->path(), entry, trust_, verify); !v) return v.status().prefixed(context);
    if (auto s = unpackToStaging(download->path(), p.stagingDir, options_.unpack); !s) return s.prefixed(context);
    // From here the staging folder is ours: track it before anything else can fail.
    tx.packages_.push_back(std::move(p));
    auto& staged = tx.packages_.back();

    // The kernel's own manifest checks on the unpacked folder (schema, ABI,
    // library present, embedded schemas); still no plugin code has run.
    auto manifest = kernel::plugins::Manifest::load(staged.stagingDir);
    if (!manifest) return manifest.status().prefixed(context);
    if (manifest->id != entry.id || manifest->version != entry.version)
      return Status(StatusCode::kInvalidArgument, context + ": plugin.json names " + manifest->id + " " +
                                                      manifest->version);
    staged.manifest = std::move(manifest).value();
  }
  return tx;
}

}  // namespace gateos::registry

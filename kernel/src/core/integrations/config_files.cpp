#include "core/integrations/config_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace gateos::kernel::core::integrations {

namespace fs = std::filesystem;
using sdk::Status;
using sdk::StatusCode;

namespace {

Status ioError(const fs::path& path, std::string_view what) {
  return Status(StatusCode::kInternal, fmt::format("{}: {}: {}", path.string(), what, std::strerror(errno)));
}

}  // namespace

Status writeFileAtomically(const fs::path& path, std::string_view content) {
  std::error_code ec;
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return Status(StatusCode::kInternal, fmt::format("{}: cannot create: {}", dir.string(), ec.message()));
    fs::permissions(dir, fs::perms::owner_all, ec);
  }
  // New files get 0600 (they hold a gateway key); a replaced file keeps its mode.
  mode_t mode = 0600;
  if (auto st = fs::status(path, ec); !ec && fs::exists(st)) mode = static_cast<mode_t>(st.permissions()) & 07777;
  const fs::path temp = dir / fmt::format(".{}.gateos-{}.tmp", path.filename().string(), ::getpid());
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return ioError(temp, "cannot create");
  ::fchmod(fd, mode);
  std::size_t written = 0;
  while (written < content.size()) {
    ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      Status s = ioError(temp, "cannot write");
      ::close(fd);
      ::unlink(temp.c_str());
      return s;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    Status s = ioError(temp, "cannot flush");
    ::unlink(temp.c_str());
    return s;
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    Status s = ioError(path, "cannot replace");
    ::unlink(temp.c_str());
    return s;
  }
  return {};
}

sdk::Result<fs::path> backupFile(const fs::path& path, const fs::path& backupDir) {
  std::error_code ec;
  fs::create_directories(backupDir, ec);
  if (ec) return Status(StatusCode::kInternal, fmt::format("{}: cannot create: {}", backupDir.string(), ec.message()));
  fs::permissions(backupDir, fs::perms::owner_all, ec);
  std::size_t n = 0;
  for (auto it = fs::directory_iterator(backupDir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) ++n;
  fs::path copy = backupDir / fmt::format("{}-{}", n + 1, path.filename().string());
  fs::copy_file(path, copy, fs::copy_options::overwrite_existing, ec);
  if (ec) return Status(StatusCode::kInternal, fmt::format("{}: cannot back up: {}", path.string(), ec.message()));
  return copy;
}

}  // namespace gateos::kernel::core::integrations

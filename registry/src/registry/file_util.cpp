#include "registry/file_util.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <system_error>
#include <utility>

namespace gateos::registry {
namespace {

sdk::Status errnoStatus(const std::string& context, int err) {
  const auto code = err == ENOENT ? sdk::StatusCode::kNotFound
                    : err == EEXIST ? sdk::StatusCode::kConflict
                    : err == EACCES || err == EPERM ? sdk::StatusCode::kPermissionDenied
                                                    : sdk::StatusCode::kInternal;
  return sdk::Status(code, context + ": " + std::strerror(err));
}

std::string randomSuffix() {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  thread_local std::mt19937_64 engine{std::random_device{}()};
  std::string out(10, 'x');
  for (auto& c : out) c = kChars[engine() % (sizeof kChars - 1)];
  return out;
}

sdk::Status writeAll(int fd, std::string_view bytes) {
  for (std::size_t off = 0; off < bytes.size();) {
    const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errnoStatus("write", errno);
    off += static_cast<std::size_t>(n);
  }
  return {};
}

}  // namespace

sdk::Status writeFileAtomic(const std::filesystem::path& file, std::string_view bytes, mode_t mode, bool replace) {
  const std::string context = "write " + file.string();
  std::filesystem::path tmp = file;
  tmp += ".tmp-" + randomSuffix();
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);
  if (fd < 0) return errnoStatus(context, errno);
  auto fail = [&](const sdk::Status& status) {
    ::unlink(tmp.c_str());
    return status.prefixed(context);
  };
  sdk::Status status;
  if (::fchmod(fd, mode) != 0) status = errnoStatus("chmod", errno);  // whatever the umask
  if (status) status = writeAll(fd, bytes);
  if (status && ::fsync(fd) != 0) status = errnoStatus("fsync", errno);
  if (::close(fd) != 0 && status) status = errnoStatus("close", errno);
  if (!status) return fail(status);
  if (replace) {
    if (::rename(tmp.c_str(), file.c_str()) != 0) return fail(errnoStatus("rename", errno));
  } else {
    // link() fails when the target exists, so an existing file is never replaced.
    const int rc = ::link(tmp.c_str(), file.c_str());
    const int err = errno;
    ::unlink(tmp.c_str());
    if (rc != 0) return errnoStatus(context, err);
  }
  return {};
}

sdk::Status copyFileAtomic(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::path tmp = to;
  tmp += ".tmp-" + randomSuffix();
  std::error_code ec;
  std::filesystem::copy_file(from, tmp, ec);
  if (ec) return sdk::Status(sdk::StatusCode::kInternal, "copy " + from.string() + ": " + ec.message());
  std::filesystem::rename(tmp, to, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    return sdk::Status(sdk::StatusCode::kInternal, "rename " + to.string() + ": " + ec.message());
  }
  return {};
}

sdk::Result<std::string> readFileCapped(const std::filesystem::path& file, std::uint64_t maxBytes) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return sdk::Status(sdk::StatusCode::kNotFound, file.string() + ": cannot read");
  std::string out;
  std::array<char, 64 * 1024> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    out.append(buffer.data(), static_cast<std::size_t>(in.gcount()));
    if (out.size() > maxBytes) {
      return sdk::Status(sdk::StatusCode::kPayloadTooLarge,
                         file.string() + ": larger than " + std::to_string(maxBytes) + " bytes");
    }
  }
  if (in.bad()) return sdk::Status(sdk::StatusCode::kInternal, file.string() + ": read error");
  return out;
}

void removeTreeQuietly(const std::filesystem::path& path) noexcept {
  std::error_code ec;
  std::filesystem::remove_all(path, ec);
}

sdk::Result<TempFile> TempFile::create(const std::filesystem::path& dir, std::string_view prefix,
                                       std::string_view suffix) {
  for (int attempt = 0; attempt < 16; ++attempt) {
    auto path = dir / (std::string(prefix) + randomSuffix() + std::string(suffix));
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd >= 0) {
      ::close(fd);
      return TempFile(std::move(path));
    }
    if (errno != EEXIST) return errnoStatus("create temporary file in " + dir.string(), errno);
  }
  return sdk::Status(sdk::StatusCode::kInternal, "create temporary file in " + dir.string() + ": no free name");
}

TempFile::~TempFile() {
  if (!path_.empty()) {
    std::error_code ec;
    std::filesystem::remove(path_, ec);
  }
}

TempFile::TempFile(TempFile&& other) noexcept : path_(std::exchange(other.path_, {})) {}

TempFile& TempFile::operator=(TempFile&& other) noexcept {
  if (this != &other) {
    TempFile old(std::move(*this));
    path_ = std::exchange(other.path_, {});
  }
  return *this;
}

std::filesystem::path TempFile::release() noexcept { return std::exchange(path_, {}); }

sdk::Result<DirectoryLock> DirectoryLock::acquire(const std::filesystem::path& dir) {
  const auto file = dir / ".lock";
  const int fd = ::open(file.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) return errnoStatus("lock " + file.string(), errno);
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    const int err = errno;
    ::close(fd);
    return errnoStatus("lock " + file.string(), err);
  }
  return DirectoryLock(fd);
}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

DirectoryLock::DirectoryLock(DirectoryLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

}  // namespace gateos::registry

#include "security/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "security/crypto.h"

namespace gateos::kernel::security {
namespace {

sdk::Status errnoStatus(const std::string& context, int err) {
  const auto code = err == ENOENT ? sdk::StatusCode::kNotFound
                    : err == EEXIST ? sdk::StatusCode::kConflict
                    : err == EACCES || err == EPERM ? sdk::StatusCode::kPermissionDenied
                                                    : sdk::StatusCode::kInternal;
  return sdk::Status(code, context + ": " + std::strerror(err));
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

std::string octal(unsigned mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", mode & 07777);
  return buf;
}

}  // namespace

sdk::Status ensurePrivateDir(const std::filesystem::path& dir) {
  std::error_code ec;
  if (std::filesystem::is_directory(dir, ec)) return {};
  std::filesystem::create_directories(dir, ec);
  if (ec) return sdk::Status(sdk::StatusCode::kInternal, "create " + dir.string() + ": " + ec.message());
  std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);
  if (ec) return sdk::Status(sdk::StatusCode::kInternal, "chmod " + dir.string() + ": " + ec.message());
  return {};
}

sdk::Status writePrivateFile(const std::filesystem::path& file, std::string_view bytes, bool replace) {
  const std::string context = "write " + file.string();
  std::filesystem::path tmp = file;
  tmp += ".tmp-" + randomHex(6);
  Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600));
  if (fd.get() < 0) return errnoStatus(context, errno);
  auto fail = [&](int err) {
    ::unlink(tmp.c_str());
    return errnoStatus(context, err);
  };
  if (::fchmod(fd.get(), 0600) != 0) return fail(errno);  // in case of an unusual umask
  for (std::size_t off = 0; off < bytes.size();) {
    const ssize_t n = ::write(fd.get(), bytes.data() + off, bytes.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail(errno);
    off += static_cast<std::size_t>(n);
  }
  if (::fsync(fd.get()) != 0) return fail(errno);
  if (::close(fd.release()) != 0) return fail(errno);
  if (replace) {
    if (::rename(tmp.c_str(), file.c_str()) != 0) return fail(errno);
  } else {
    const int rc = ::link(tmp.c_str(), file.c_str());
    const int err = errno;
    ::unlink(tmp.c_str());
    if (rc != 0) return errnoStatus(context, err);
  }
  // Make the new directory entry durable too.
  Fd dir(::open(file.parent_path().empty() ? "." : file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() >= 0) ::fsync(dir.get());
  return {};
}

sdk::Result<std::string> readPrivateFile(const std::filesystem::path& file, std::string_view what,
                                         std::size_t maxBytes) {
  const std::string context = std::string(what) + " " + file.string();
  Fd fd(::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
  if (fd.get() < 0) return errnoStatus(context, errno);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return errnoStatus(context, errno);
  if (!S_ISREG(st.st_mode)) return sdk::Status(sdk::StatusCode::kFailedPrecondition, context + ": not a regular file");
  if ((st.st_mode & 077) != 0) {
    return sdk::Status(sdk::StatusCode::kFailedPrecondition,
                       context + ": permissions " + octal(st.st_mode) + " too open, expected 0600");
  }
  if (static_cast<std::size_t>(st.st_size) > maxBytes) {
    return sdk::Status(sdk::StatusCode::kFailedPrecondition,
                       context + ": " + std::to_string(st.st_size) + " bytes, expected at most " +
                           std::to_string(maxBytes));
  }
  std::string out(static_cast<std::size_t>(st.st_size), '\0');
  for (std::size_t off = 0; off < out.size();) {
    const ssize_t n = ::read(fd.get(), out.data() + off, out.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errnoStatus(context, errno);
    if (n == 0) {
      out.resize(off);
      break;
    }
    off += static_cast<std::size_t>(n);
  }
  return out;
}

}  // namespace gateos::kernel::security

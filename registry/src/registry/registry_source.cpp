#include "registry/registry_source.h"

#include <fstream>
#include <sstream>

#include "registry/http_get.h"

namespace gateos::registry {
namespace {

namespace fs = std::filesystem;
using sdk::Status;
using sdk::StatusCode;

bool startsWith(const std::string& s, std::string_view prefix) { return s.rfind(prefix, 0) == 0; }
bool isUrl(const std::string& s) { return startsWith(s, "http://") || startsWith(s, "https://"); }

// A relative archive path inside a folder registry: no absolute path, no "..".
bool isSafeRelative(const std::string& file) {
  const fs::path p(file);
  if (p.is_absolute() || file.find('\\') != std::string::npos) return false;
  for (const auto& part : p)
    if (part == "..") return false;
  return true;
}

}  // namespace

sdk::Result<std::shared_ptr<const RegistrySource>> RegistrySource::create(const std::string& location) {
  return create(location, Options{});
}

sdk::Result<std::shared_ptr<const RegistrySource>> RegistrySource::create(const std::string& location,
                                                                           Options options) {
  if (options.tempDir.empty()) options.tempDir = fs::temp_directory_path();
  if (isUrl(location)) {
    std::string base = location;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return std::shared_ptr<const RegistrySource>(new RegistrySource(location, true, base, std::move(options)));
  }
  std::string path = location;
  if (startsWith(location, "file://")) path = location.substr(7);
  else if (location.find("://") != std::string::npos)
    return Status(StatusCode::kInvalidArgument, "registry " + location + ": unsupported URL scheme");
  if (path.empty()) return Status(StatusCode::kInvalidArgument, "registry location is empty");
  return std::shared_ptr<const RegistrySource>(new RegistrySource(location, false, path, std::move(options)));
}

sdk::Status RegistrySource::fetchTo(const std::string& file, std::ostream& out, std::uint64_t maxBytes,
                                    std::uint64_t& received) const {
  received = 0;
  if (remote_ || isUrl(file)) {
    HttpGetOptions http;
    http.timeout = options_.timeout;
    http.maxBytes = maxBytes;
    http.maxRedirects = options_.maxRedirects;
    auto status = httpGet(isUrl(file) ? file : base_ + "/" + file, out, http, received);
    // Answers about the file name it; transport errors ("connection refused") concern the registry.
    if (!status && (startsWith(status.message(), "HTTP ") || status.code() == StatusCode::kPayloadTooLarge))
      return status.prefixed(file);
    return status;
  }
  if (!isSafeRelative(file)) return Status(StatusCode::kInvalidArgument, file + ": not a relative path inside the registry");
  const fs::path path = fs::path(base_) / file;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::error_code ec;
    if (!fs::is_directory(base_, ec)) return Status(StatusCode::kNotFound, "no such folder");
    return Status(StatusCode::kNotFound, file + ": not found");
  }
  char buffer[64 * 1024];
  while (in) {
    in.read(buffer, sizeof buffer);
    const auto n = static_cast<std::uint64_t>(in.gcount());
    received += n;
    if (received > maxBytes)
      return Status(StatusCode::kPayloadTooLarge, file + ": larger than " + std::to_string(maxBytes) + " bytes");
    out.write(buffer, static_cast<std::streamsize>(n));
  }
  if (in.bad()) return Status(StatusCode::kInternal, file + ": read error");
  return {};
}

sdk::Result<RegistryIndex> RegistrySource::loadIndex() const {
  const std::string context = "registry " + location_;
  std::ostringstream text;
  std::uint64_t received = 0;
  if (auto s = fetchTo("index.json", text, options_.maxIndexBytes, received); !s) return s.prefixed(context);
  auto index = RegistryIndex::parse(text.str());
  if (!index) return index.status().prefixed(context);
  return index;
}

sdk::Result<TempFile> RegistrySource::fetchPackage(const PackageEntry& entry) const {
  const std::string context = "registry " + location_ + ": " + entry.label();
  if (entry.size > options_.maxPackageBytes)
    return Status(StatusCode::kPayloadTooLarge, context + ": package of " + std::to_string(entry.size) +
                                                    " bytes exceeds the limit of " +
                                                    std::to_string(options_.maxPackageBytes));
  auto temp = TempFile::create(options_.tempDir, "gateos-download-", ".gpkg");
  if (!temp) return temp.status().prefixed(context);
  std::ofstream out(temp->path(), std::ios::binary | std::ios::trunc);
  std::uint64_t received = 0;
  // A single byte beyond the declared size fails the download.
  auto status = fetchTo(entry.file, out, entry.size, received);
  out.close();
  if (!status) {
    if (status.code() == StatusCode::kPayloadTooLarge)
      return Status(StatusCode::kInvalidArgument,
                    context + ": download larger than the declared " + std::to_string(entry.size) + " bytes");
    return status.prefixed(context);
  }
  if (!out) return Status(StatusCode::kInternal, context + ": write " + temp->path().string());
  if (received < entry.size)
    return Status(StatusCode::kInvalidArgument, context + ": truncated download: got " + std::to_string(received) +
                                                    " of " + std::to_string(entry.size) + " bytes");
  return temp;
}

}  // namespace gateos::registry

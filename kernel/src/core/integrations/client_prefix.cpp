#include "core/integrations/client_prefix.h"

namespace gateos::kernel::core::integrations {

namespace {

constexpr std::string_view kClient = "/c/";
constexpr std::string_view kWorkspace = "/w/";

// The name after `prefix` at the start of `path` and where it ends; npos when absent.
std::size_t segmentEnd(std::string_view path, std::string_view prefix) {
  if (!path.starts_with(prefix)) return std::string_view::npos;
  std::size_t end = path.find('/', prefix.size());
  if (end == std::string_view::npos) end = path.size();
  return end == prefix.size() ? std::string_view::npos : end;
}

}  // namespace

std::string takeClientPrefix(std::string& path) {
  std::size_t end = segmentEnd(path, kClient);
  if (end == std::string_view::npos) return {};
  std::string name = path.substr(kClient.size(), end - kClient.size());
  path.erase(0, end);
  if (path.empty()) path = "/";
  return name;
}

std::string_view clientPrefixOf(std::string_view target) noexcept {
  target = target.substr(0, target.find('?'));
  if (std::size_t w = segmentEnd(target, kWorkspace); w != std::string_view::npos) target.remove_prefix(w);
  std::size_t end = segmentEnd(target, kClient);
  return end == std::string_view::npos ? std::string_view() : target.substr(kClient.size(), end - kClient.size());
}

}  // namespace gateos::kernel::core::integrations

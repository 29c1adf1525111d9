#include "registry/registry_index.h"

#include <algorithm>

#include "registry/semver.h"

namespace gateos::registry {
namespace {

sdk::Status invalid(std::string message) {
  return sdk::Status(sdk::StatusCode::kInvalidArgument, "index.json: " + std::move(message));
}

}  // namespace

sdk::Result<RegistryIndex> RegistryIndex::parse(std::string_view text) {
  sdk::Json json;
  try {
    json = sdk::Json::parse(text);
  } catch (const sdk::Json::parse_error& e) {
    return invalid("invalid JSON at byte " + std::to_string(e.byte));
  }
  return fromJson(json);
}

sdk::Result<RegistryIndex> RegistryIndex::fromJson(const sdk::Json& json) {
  if (!json.is_object()) return invalid("expected a JSON object {\"format\": 1, ...}");
  auto format = json.find("format");
  if (format == json.end()) return invalid("missing \"format\"");
  if (!format->is_number_integer() || format->get<long long>() != kFormat) {
    return invalid("unsupported format " + format->dump() + " (this kernel reads format " + std::to_string(kFormat) +
                   ")");
  }
  RegistryIndex index;
  if (auto name = json.find("name"); name != json.end()) {
    if (!name->is_string()) return invalid("name: expected string");
    index.name = name->get<std::string>();
  }
  auto packages = json.find("packages");
  if (packages == json.end() || !packages->is_array()) return invalid("packages: expected an array");
  for (std::size_t i = 0; i < packages->size(); ++i) {
    const auto& item = (*packages)[i];
    std::string where = "packages[" + std::to_string(i) + "]";
    if (item.is_object() && item.contains("id") && item["id"].is_string())
      where += " (" + item["id"].get<std::string>() + ")";
    auto entry = PackageEntry::fromJson(item);
    if (!entry) return invalid(where + ": " + entry.status().message());
    index.packages.push_back(std::move(entry).value());
  }
  return index;
}

sdk::Json RegistryIndex::toJson() const {
  sdk::Json list = sdk::Json::array();
  for (const auto& p : packages) list.push_back(p.toJson());
  return {{"format", kFormat}, {"name", name}, {"packages", std::move(list)}};
}

void RegistryIndex::upsert(PackageEntry entry) {
  std::erase_if(packages, [&](const PackageEntry& p) {
    return p.id == entry.id && p.version == entry.version && p.platform == entry.platform;
  });
  packages.push_back(std::move(entry));
  std::stable_sort(packages.begin(), packages.end(), [](const PackageEntry& a, const PackageEntry& b) {
    if (a.id != b.id) return a.id < b.id;
    // Versions were validated on the way in, so both parse.
    auto va = SemVer::parse(a.version), vb = SemVer::parse(b.version);
    if (int c = compare(*va, *vb); c != 0) return c < 0;
    return a.platform < b.platform;
  });
}

}  // namespace gateos::registry

#include "core/packages/registry_list.h"

#include <algorithm>
#include <regex>

#include "registry/file_util.h"
#include "registry/registry_source.h"

namespace gateos::kernel::core::packages {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

bool validName(const std::string& name) {
  static const std::regex kPattern("^[a-z0-9][a-z0-9_.-]{0,62}$");
  return std::regex_match(name, kPattern);
}

}  // namespace

Json ConfiguredRegistry::toJson() const { return Json{{"name", name}, {"location", location}, {"priority", priority}}; }

bool RegistryList::exists() const {
  std::error_code ec;
  return std::filesystem::exists(file_, ec);
}

sdk::Result<std::vector<ConfiguredRegistry>> RegistryList::load() const {
  std::vector<ConfiguredRegistry> out;
  auto text = registry::readFileCapped(file_, 1 << 20);
  if (!text) {
    if (text.status().code() == StatusCode::kNotFound) return out;
    return text.status();
  }
  auto doc = Json::parse(text.value(), nullptr, false);
  const std::string context = file_.string() + ": ";
  if (doc.is_discarded() || !doc.is_array()) return Status(StatusCode::kInternal, context + "expected a JSON array");
  for (const auto& item : doc) {
    if (!item.is_object() || !item.contains("name") || !item["name"].is_string() || !item.contains("location") ||
        !item["location"].is_string())
      return Status(StatusCode::kInternal, context + "every registry needs a name and a location");
    ConfiguredRegistry r;
    r.name = item["name"].get<std::string>();
    r.location = item["location"].get<std::string>();
    if (item.contains("priority") && item["priority"].is_number_integer()) r.priority = item["priority"].get<int>();
    out.push_back(std::move(r));
  }
  return out;
}

Status RegistryList::save(const std::vector<ConfiguredRegistry>& registries) const {
  Json doc = Json::array();
  for (const auto& r : registries) doc.push_back(r.toJson());
  return registry::writeFileAtomic(file_, doc.dump(2) + "\n", 0600);
}

Status RegistryList::add(const ConfiguredRegistry& registry) {
  if (!validName(registry.name))
    return Status(StatusCode::kInvalidArgument, "registry name: use 1-63 lower-case letters, digits, '.', '-' or '_'");
  if (registry.location.empty()) return Status(StatusCode::kInvalidArgument, "registry location: required");
  if (auto source = registry::RegistrySource::create(registry.location); !source)
    return source.status().prefixed("registry location");
  auto list = load();
  if (!list) return list.status();
  auto& registries = list.value();
  if (std::any_of(registries.begin(), registries.end(), [&](const auto& r) { return r.name == registry.name; }))
    return Status(StatusCode::kConflict, "registry " + registry.name + " already exists");
  registries.push_back(registry);
  return save(registries);
}

Status RegistryList::remove(const std::string& name) {
  auto list = load();
  if (!list) return list.status();
  auto& registries = list.value();
  auto it = std::find_if(registries.begin(), registries.end(), [&](const auto& r) { return r.name == name; });
  if (it == registries.end()) return Status(StatusCode::kNotFound, "registry " + name + " not found");
  registries.erase(it);
  return save(registries);
}

}  // namespace gateos::kernel::core::packages

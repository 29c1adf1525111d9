#include "registry/package_entry.h"

#include <algorithm>
#include <array>

#include "registry/semver.h"

namespace gateos::registry {
namespace {

using sdk::Json;

sdk::Status invalid(const std::string& field, const std::string& message) {
  return sdk::Status(sdk::StatusCode::kInvalidArgument, field + ": " + message);
}

bool isLowerHex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool isNameChars(std::string_view s) {
  return !s.empty() &&
         std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '_'; });
}

// "linux-x86_64-gnu-abi1": dash-separated [a-z0-9_]+ words.
bool isValidPlatform(std::string_view s) {
  if (s.empty() || s.front() == '-' || s.back() == '-' || s.find("--") != std::string_view::npos) return false;
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '_' || c == '-'; });
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kKinds = {{
    {"driver", "drivers."},
    {"adapter", "adapters."},
    {"stage", "stages."},
    {"policy", "policies."},
    {"integration", "integrations."},
}};

sdk::Result<std::string> requiredString(const Json& json, const char* field) {
  auto it = json.find(field);
  if (it == json.end()) return invalid(field, "missing");
  if (!it->is_string()) return invalid(field, "expected string");
  return it->get<std::string>();
}

sdk::Result<std::uint64_t> requiredUnsigned(const Json& json, const char* field, const std::string& path) {
  auto it = json.find(field);
  if (it == json.end()) return invalid(path, "missing");
  if (!it->is_number_unsigned()) return invalid(path, "expected a non-negative integer");
  return it->get<std::uint64_t>();
}

}  // namespace

bool isValidPluginId(std::string_view id) {
  for (const auto& [kind, prefix] : kKinds)
    if (id.substr(0, prefix.size()) == prefix) return isNameChars(id.substr(prefix.size()));
  return false;
}

std::string PackageEntry::label() const { return id + " " + version + " (" + platform + ")"; }

std::string PackageEntry::signingPayload() const {
  return "gateos-package-signature-v1\nid=" + id + "\nversion=" + version + "\nplatform=" + platform +
         "\nkind=" + kind + "\nabi=" + std::to_string(abiMajor) + "." + std::to_string(abiMinor) +
         "\nsize=" + std::to_string(size) + "\nsha256=" + sha256 + "\n";
}

sdk::Result<PackageEntry> PackageEntry::fromJson(const Json& json) {
  if (!json.is_object()) return sdk::Status(sdk::StatusCode::kInvalidArgument, "expected an object");
  PackageEntry e;
  auto id = requiredString(json, "id");
  if (!id) return id.status();
  e.id = id.value();
  if (!isValidPluginId(e.id)) return invalid("id", "'" + e.id + "' is not a plugin id like drivers.openai");

  auto kind = requiredString(json, "kind");
  if (!kind) return kind.status();
  e.kind = kind.value();
  auto known = std::find_if(kKinds.begin(), kKinds.end(), [&](const auto& k) { return k.first == e.kind; });
  if (known == kKinds.end()) return invalid("kind", "unknown kind '" + e.kind + "'");
  if (e.id.rfind(known->second, 0) != 0)
    return invalid("id", "must start with '" + std::string(known->second) + "' for kind " + e.kind);

  auto version = requiredString(json, "version");
  if (!version) return version.status();
  e.version = version.value();
  if (!SemVer::parse(e.version)) return invalid("version", "'" + e.version + "' is not a semantic version");

  if (auto it = json.find("description"); it != json.end()) {
    if (!it->is_string()) return invalid("description", "expected string");
    e.description = it->get<std::string>();
  }

  auto sdkIt = json.find("sdk");
  if (sdkIt == json.end() || !sdkIt->is_object()) return invalid("sdk", "expected an object {abi_major, abi_minor}");
  auto major = requiredUnsigned(*sdkIt, "abi_major", "sdk.abi_major");
  if (!major) return major.status();
  auto minor = requiredUnsigned(*sdkIt, "abi_minor", "sdk.abi_minor");
  if (!minor) return minor.status();
  if (major.value() > UINT32_MAX || minor.value() > UINT32_MAX) return invalid("sdk", "ABI version out of range");
  e.abiMajor = static_cast<std::uint32_t>(major.value());
  e.abiMinor = static_cast<std::uint32_t>(minor.value());

  auto platform = requiredString(json, "platform");
  if (!platform) return platform.status();
  e.platform = platform.value();
  if (!isValidPlatform(e.platform)) return invalid("platform", "'" + e.platform + "' is not like linux-x86_64-gnu-abi1");

  if (auto it = json.find("dependencies"); it != json.end()) {
    if (!it->is_array()) return invalid("dependencies", "expected an array");
    for (std::size_t i = 0; i < it->size(); ++i) {
      const auto& dep = (*it)[i];
      const std::string path = "dependencies[" + std::to_string(i) + "]";
      if (!dep.is_object()) return invalid(path, "expected an object {id, version}");
      auto depId = requiredString(dep, "id");
      if (!depId) return depId.status().prefixed(path);
      if (!isValidPluginId(depId.value())) return invalid(path + ".id", "'" + depId.value() + "' is not a plugin id");
      std::string range;
      if (auto v = dep.find("version"); v != dep.end()) {
        if (!v->is_string()) return invalid(path + ".version", "expected string");
        range = v->get<std::string>();
        if (auto parsed = VersionRange::parse(range); !parsed) return parsed.status().prefixed(path + ".version");
      }
      e.dependencies.push_back({depId.value(), range});
    }
  }

  auto sha = requiredString(json, "sha256");
  if (!sha) return sha.status();
  e.sha256 = sha.value();
  if (e.sha256.size() != 64 || !isLowerHex(e.sha256)) return invalid("sha256", "expected 64 lower-case hex characters");

  auto size = requiredUnsigned(json, "size", "size");
  if (!size) return size.status();
  e.size = size.value();

  for (auto [field, target] : {std::pair{"signature", &e.signature}, std::pair{"publisher", &e.publisher}}) {
    if (auto it = json.find(field); it != json.end() && !it->is_null()) {
      if (!it->is_string()) return invalid(field, "expected string");
      *target = it->get<std::string>();
    }
  }
  if (e.signature.empty() != e.publisher.empty())
    return invalid(e.signature.empty() ? "signature" : "publisher", "signature and publisher go together");
  if (!e.publisher.empty() && (e.publisher.size() != 16 || !isLowerHex(e.publisher)))
    return invalid("publisher", "expected a key id of 16 lower-case hex characters");

  auto file = requiredString(json, "file");
  if (!file) return file.status();
  e.file = file.value();
  if (e.file.empty()) return invalid("file", "empty");
  return e;
}

Json PackageEntry::toJson() const {
  Json deps = Json::array();
  for (const auto& d : dependencies) deps.push_back({{"id", d.id}, {"version", d.version}});
  Json out = {{"id", id},
              {"kind", kind},
              {"version", version},
              {"description", description},
              {"sdk", {{"abi_major", abiMajor}, {"abi_minor", abiMinor}}},
              {"platform", platform},
              {"dependencies", std::move(deps)},
              {"sha256", sha256},
              {"size", size},
              {"file", file}};
  if (isSigned()) {
    out["signature"] = signature;
    out["publisher"] = publisher;
  }
  return out;
}

}  // namespace gateos::registry

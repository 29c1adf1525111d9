#include "core/packages/package_admin.h"

#include <algorithm>
#include <cctype>

namespace gateos::kernel::core::packages {

using sdk::Json;
using sdk::Status;
using sdk::StatusCode;

namespace {

std::vector<std::string> segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < path.size()) {
    while (i < path.size() && path[i] == '/') ++i;
    std::size_t j = path.find('/', i);
    if (j == std::string_view::npos) j = path.size();
    if (j > i) out.emplace_back(path.substr(i, j - i));
    i = j;
  }
  return out;
}

std::string percentDecode(std::string_view in) {
  std::string out;
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '+') {
      out += ' ';
    } else if (in[i] == '%' && i + 2 < in.size() && std::isxdigit(static_cast<unsigned char>(in[i + 1])) &&
               std::isxdigit(static_cast<unsigned char>(in[i + 2]))) {
      out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
      i += 2;
    } else {
      out += in[i];
    }
  }
  return out;
}

std::optional<std::string> queryParam(const std::string& query, std::string_view name) {
  std::size_t i = 0;
  while (i <= query.size()) {
    std::size_t j = query.find('&', i);
    if (j == std::string::npos) j = query.size();
    std::string_view item(query.data() + i, j - i);
    auto eq = item.find('=');
    if (item.substr(0, eq) == name) return eq == std::string_view::npos ? std::string() : percentDecode(item.substr(eq + 1));
    i = j + 1;
  }
  return std::nullopt;
}

bool truthy(const std::optional<std::string>& v) { return v && (*v == "1" || *v == "true" || v->empty()); }

// Body fields with their types checked: a wrong type is a clear 400.
struct Body {
  const Json& json;
  Status error;
  std::string string(const char* key) {
    if (!json.is_object() || !json.contains(key) || json[key].is_null()) return {};
    if (!json[key].is_string()) {
      error = Status(StatusCode::kInvalidArgument, std::string(key) + ": expected string");
      return {};
    }
    return json[key].get<std::string>();
  }
  bool flag(const char* key) {
    if (!json.is_object() || !json.contains(key) || json[key].is_null()) return false;
    if (!json[key].is_boolean()) {
      error = Status(StatusCode::kInvalidArgument, std::string(key) + ": expected boolean");
      return false;
    }
    return json[key].get<bool>();
  }
  int integer(const char* key) {
    if (!json.is_object() || !json.contains(key) || json[key].is_null()) return 0;
    if (!json[key].is_number_integer()) {
      error = Status(StatusCode::kInvalidArgument, std::string(key) + ": expected integer");
      return 0;
    }
    return json[key].get<int>();
  }
  Status onlyKeys(std::initializer_list<const char*> keys) const {
    if (json.is_null()) return {};
    if (!json.is_object()) return Status(StatusCode::kInvalidArgument, "expected a JSON object");
    for (const auto& [key, _] : json.items())
      if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; }))
        return Status(StatusCode::kInvalidArgument, "unknown key '" + key + "'");
    return {};
  }
};

PackageReply fromResult(const sdk::Result<Json>& result, int okStatus = 200) {
  if (!result) return packageError(result.status());
  return {okStatus, result.value()};
}

}  // namespace

PackageReply packageError(const Status& status) {
  const char* type = "invalid_request";
  switch (status.code()) {
    case StatusCode::kNotFound: type = "not_found"; break;
    case StatusCode::kConflict: type = "conflict"; break;
    case StatusCode::kInternal: type = "internal"; break;
    case StatusCode::kUnavailable:
    case StatusCode::kDeadlineExceeded:
    case StatusCode::kUpstreamError: type = "upstream"; break;
    default: break;
  }
  return {sdk::httpStatusOf(status), Json{{"error", {{"type", type}, {"message", status.message()}}}}};
}

std::optional<PackageReply> dispatchPackageAdmin(PackageManager& manager, const std::string& method,
                                                 const std::string& path, const std::string& query, const Json& json) {
  const auto parts = segments(path);
  if (parts.empty()) return std::nullopt;
  Body body{json, {}};
  InstallOptions options;
  auto readOptions = [&] {
    options.allowUnsigned = body.flag("allow_unsigned");
    options.force = body.flag("force");
  };

  if (parts[0] == "plugins") {
    if (parts.size() == 1 && method == "GET") return fromResult(manager.list());
    if (parts.size() == 1 && method == "POST") {
      if (auto s = body.onlyKeys({"id", "range", "all", "allow_unsigned", "force"}); !s) return packageError(s);
      std::string id = body.string("id"), range = body.string("range");
      const bool all = body.flag("all");
      readOptions();
      if (!body.error.isOk()) return packageError(body.error);
      if (all) return fromResult(manager.installAll(options), 200);
      if (id.empty()) return packageError(Status(StatusCode::kInvalidArgument, "id: required (e.g. \"drivers.openai\")"));
      if (!range.empty()) id += "@" + range;
      auto result = manager.install(id, options);
      return fromResult(result, result && result.value().value("changed", true) ? 201 : 200);
    }
    if (parts.size() == 2 && parts[1] == "upgrade" && method == "POST") {
      if (auto s = body.onlyKeys({"allow_unsigned", "force"}); !s) return packageError(s);
      readOptions();
      if (!body.error.isOk()) return packageError(body.error);
      return fromResult(manager.upgrade("", options));
    }
    if (parts.size() == 2 && method == "GET") return fromResult(manager.info(parts[1]));
    if (parts.size() == 2 && method == "DELETE") {
      options.force = truthy(queryParam(query, "force"));
      return fromResult(manager.remove(parts[1], options));
    }
    if (parts.size() == 3 && method == "POST") {
      if (parts[2] == "upgrade") {
        if (auto s = body.onlyKeys({"range", "allow_unsigned", "force"}); !s) return packageError(s);
        std::string range = body.string("range");
        readOptions();
        if (!body.error.isOk()) return packageError(body.error);
        return fromResult(manager.upgrade(range.empty() ? parts[1] : parts[1] + "@" + range, options));
      }
      if (parts[2] == "enable") return fromResult(manager.setEnabled(parts[1], true));
      if (parts[2] == "disable") return fromResult(manager.setEnabled(parts[1], false));
    }
    if (parts.size() == 3 && parts[2] == "config" && method == "PUT") return fromResult(manager.setConfig(parts[1], json));
    if (parts.size() == 3 && parts[2] == "config" && method == "GET") {
      auto info = manager.info(parts[1]);
      if (!info) return packageError(info.status());
      const Json& installed = info.value().value("installed", Json::object());
      return PackageReply{200, Json{{"id", parts[1]},
                                    {"config", installed.value("config", Json::object())},
                                    {"config_schema", installed.value("config_schema", Json::object())}}};
    }
    return std::nullopt;
  }
  if (parts[0] == "packages" && parts.size() == 1 && method == "GET")
    return fromResult(manager.search(queryParam(query, "q").value_or("")));
  if (parts[0] == "registries") {
    if (parts.size() == 1 && method == "GET") return fromResult(manager.listRegistries());
    if (parts.size() == 1 && method == "POST") {
      if (auto s = body.onlyKeys({"name", "location", "priority"}); !s) return packageError(s);
      std::string name = body.string("name"), location = body.string("location");
      int priority = body.integer("priority");
      if (!body.error.isOk()) return packageError(body.error);
      return fromResult(manager.addRegistry(name, location, priority), 201);
    }
    if (parts.size() == 2 && method == "DELETE") return fromResult(manager.removeRegistry(parts[1]));
    return std::nullopt;
  }
  if (parts[0] == "trust") {
    if (parts.size() == 1 && method == "GET") return fromResult(manager.listTrust());
    if (parts.size() == 1 && method == "POST") {
      if (auto s = body.onlyKeys({"public_key", "name"}); !s) return packageError(s);
      std::string key = body.string("public_key"), name = body.string("name");
      if (!body.error.isOk()) return packageError(body.error);
      if (key.empty()) return packageError(Status(StatusCode::kInvalidArgument, "public_key: required"));
      return fromResult(manager.addTrust(key, name), 201);
    }
    if (parts.size() == 2 && method == "DELETE") return fromResult(manager.removeTrust(parts[1]));
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace gateos::kernel::core::packages

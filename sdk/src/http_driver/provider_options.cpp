#include "gateos/sdk/http_driver/provider_options.h"

namespace gateos::sdk::http_driver {
namespace {

bool validHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == ':' || c == '(' || c == ')' || c == ',' || c == ';' || c == '"') return false;
  }
  return true;
}

Status parseBaseUrl(const Json& v, std::string_view provider, const BaseUrlRules& rules, std::string& out) {
  if (!v.is_string()) return invalidOption(provider, "base_url: expected a string");
  std::string url = v.get<std::string>();
  std::size_t schemeEnd = url.starts_with("https://") ? 8 : url.starts_with("http://") ? 7 : 0;
  if (schemeEnd == 0) return invalidOption(provider, "base_url: expected an http:// or https:// URL");
  if (url.size() == schemeEnd || url[schemeEnd] == '/') return invalidOption(provider, "base_url: missing host");
  if (url.find_first_of(" \t\r\n") != std::string::npos) return invalidOption(provider, "base_url: contains whitespace");
  if (url.find_first_of("?#") != std::string::npos)
    return invalidOption(provider, "base_url: must not contain a query or fragment");
  while (url.size() > schemeEnd + 1 && url.back() == '/') url.pop_back();
  // Users paste the documented URL with its version path; the driver adds it itself.
  if (!rules.stripSuffix.empty() && url.ends_with(rules.stripSuffix) &&
      url.size() - rules.stripSuffix.size() > schemeEnd)
    url.resize(url.size() - rules.stripSuffix.size());
  out = std::move(url);
  return {};
}

Status parseTimeouts(const Json& v, std::string_view provider, HttpTimeouts& t) {
  if (!v.is_object()) return invalidOption(provider, "timeouts: expected an object");
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::chrono::milliseconds* target = nullptr;
    if (it.key() == "connect_ms") target = &t.connect;
    else if (it.key() == "first_byte_ms") target = &t.firstByte;
    else if (it.key() == "idle_ms") target = &t.idle;
    else if (it.key() == "total_ms") target = &t.total;
    else return invalidOption(provider, "timeouts: unknown option \"" + it.key() + "\"");
    if (!it->is_number_integer() || it->get<int64_t>() < 1)
      return invalidOption(provider, "timeouts." + it.key() + ": expected an integer >= 1");
    *target = std::chrono::milliseconds(it->get<int64_t>());
  }
  return {};
}

}  // namespace

Status invalidOption(std::string_view provider, const std::string& message) {
  return {StatusCode::kInvalidArgument, "provider " + std::string(provider) + ": " + message};
}

bool isSingleLine(std::string_view value) noexcept {
  return value.find_first_of("\r\n") == std::string_view::npos && value.find('\0') == std::string_view::npos;
}

Result<HttpProviderOptions> parseHttpProviderOptions(const Json& options, std::string_view providerName,
                                                     const BaseUrlRules& rules, const ExtraOptionParser& extra) {
  if (!options.is_object()) return invalidOption(providerName, "options: expected an object");
  HttpProviderOptions out;
  out.baseUrl = rules.defaultUrl;
  bool hasBaseUrl = false;
  for (auto it = options.begin(); it != options.end(); ++it) {
    const auto& key = it.key();
    const auto& v = it.value();
    if (key == "base_url") {
      if (auto s = parseBaseUrl(v, providerName, rules, out.baseUrl); !s) return s;
      hasBaseUrl = true;
    } else if (key == "models") {
      if (!v.is_array()) return invalidOption(providerName, "models: expected an array of strings");
      for (const auto& m : v) {
        if (!m.is_string() || m.get_ref<const std::string&>().empty())
          return invalidOption(providerName, "models: expected an array of non-empty strings");
        out.models.push_back(m.get<std::string>());
      }
    } else if (key == "discover_models") {
      if (!v.is_boolean()) return invalidOption(providerName, "discover_models: expected a boolean");
      out.discoverModels = v.get<bool>();
    } else if (key == "headers") {
      if (!v.is_object()) return invalidOption(providerName, "headers: expected an object of strings");
      for (auto h = v.begin(); h != v.end(); ++h) {
        if (!validHeaderName(h.key()))
          return invalidOption(providerName, "headers: invalid header name \"" + h.key() + "\"");
        if (!h->is_string() || !isSingleLine(h->get_ref<const std::string&>()))
          return invalidOption(providerName, "headers." + h.key() + ": expected a single-line string");
        out.headers.set(h.key(), h->get<std::string>());
      }
    } else if (key == "timeouts") {
      if (auto s = parseTimeouts(v, providerName, out.timeouts); !s) return s;
    } else {
      std::optional<Status> handled = extra ? extra(key, v) : std::nullopt;
      if (!handled) return invalidOption(providerName, "unknown option \"" + key + "\"");
      if (!*handled) return *handled;
    }
  }
  if (!hasBaseUrl && rules.defaultUrl.empty()) return invalidOption(providerName, "base_url: required");
  return out;
}

}  // namespace gateos::sdk::http_driver

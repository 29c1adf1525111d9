#include "openai_options.h"

namespace gateos::plugins::drivers::openai {
namespace {

sdk::Status invalid(std::string_view provider, const std::string& message) {
  return {sdk::StatusCode::kInvalidArgument, "provider " + std::string(provider) + ": " + message};
}

bool validHeaderName(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F || c == ':' || c == '(' || c == ')' || c == ',' || c == ';' || c == '"') return false;
  }
  return true;
}

bool validHeaderValue(std::string_view value) {
  return value.find_first_of("\r\n") == std::string_view::npos && value.find('\0') == std::string_view::npos;
}

sdk::Status parseBaseUrl(const sdk::Json& v, std::string_view provider, std::string& out) {
  if (!v.is_string()) return invalid(provider, "base_url: expected a string");
  std::string url = v.get<std::string>();
  std::size_t schemeEnd = url.starts_with("https://") ? 8 : url.starts_with("http://") ? 7 : 0;
  if (schemeEnd == 0) return invalid(provider, "base_url: expected an http:// or https:// URL");
  if (url.size() == schemeEnd || url[schemeEnd] == '/')
    return invalid(provider, "base_url: missing host");
  if (url.find_first_of(" \t\r\n") != std::string::npos) return invalid(provider, "base_url: contains whitespace");
  if (url.find_first_of("?#") != std::string::npos)
    return invalid(provider, "base_url: must not contain a query or fragment");
  while (url.size() > schemeEnd + 1 && url.back() == '/') url.pop_back();
  out = std::move(url);
  return {};
}

sdk::Status parseTimeouts(const sdk::Json& v, std::string_view provider, sdk::HttpTimeouts& t) {
  if (!v.is_object()) return invalid(provider, "timeouts: expected an object");
  for (auto it = v.begin(); it != v.end(); ++it) {
    std::chrono::milliseconds* target = nullptr;
    if (it.key() == "connect_ms") target = &t.connect;
    else if (it.key() == "first_byte_ms") target = &t.firstByte;
    else if (it.key() == "idle_ms") target = &t.idle;
    else if (it.key() == "total_ms") target = &t.total;
    else return invalid(provider, "timeouts: unknown option \"" + it.key() + "\"");
    if (!it->is_number_integer() || it->get<int64_t>() < 1)
      return invalid(provider, "timeouts." + it.key() + ": expected an integer >= 1");
    *target = std::chrono::milliseconds(it->get<int64_t>());
  }
  return {};
}

}  // namespace

sdk::Result<OpenAiOptions> parseOpenAiOptions(const sdk::Json& options, std::string_view providerName) {
  if (!options.is_object()) return invalid(providerName, "options: expected an object");
  OpenAiOptions out;
  bool hasBaseUrl = false;
  for (auto it = options.begin(); it != options.end(); ++it) {
    const auto& key = it.key();
    const auto& v = it.value();
    if (key == "base_url") {
      if (auto s = parseBaseUrl(v, providerName, out.baseUrl); !s) return s;
      hasBaseUrl = true;
    } else if (key == "models") {
      if (!v.is_array()) return invalid(providerName, "models: expected an array of strings");
      for (const auto& m : v) {
        if (!m.is_string() || m.get_ref<const std::string&>().empty())
          return invalid(providerName, "models: expected an array of non-empty strings");
        out.models.push_back(m.get<std::string>());
      }
    } else if (key == "api") {
      if (v == "chat") out.api = OpenAiOptions::Api::kChat;
      else if (v == "responses") out.api = OpenAiOptions::Api::kResponses;
      else return invalid(providerName, "api: expected \"chat\" or \"responses\"");
    } else if (key == "discover_models") {
      if (!v.is_boolean()) return invalid(providerName, "discover_models: expected a boolean");
      out.discoverModels = v.get<bool>();
    } else if (key == "headers") {
      if (!v.is_object()) return invalid(providerName, "headers: expected an object of strings");
      for (auto h = v.begin(); h != v.end(); ++h) {
        if (!validHeaderName(h.key())) return invalid(providerName, "headers: invalid header name \"" + h.key() + "\"");
        if (!h->is_string() || !validHeaderValue(h->get_ref<const std::string&>()))
          return invalid(providerName, "headers." + h.key() + ": expected a single-line string");
        out.headers.set(h.key(), h->get<std::string>());
      }
    } else if (key == "organization") {
      if (!v.is_string() || !validHeaderValue(v.get_ref<const std::string&>()))
        return invalid(providerName, "organization: expected a single-line string");
      out.organization = v.get<std::string>();
    } else if (key == "timeouts") {
      if (auto s = parseTimeouts(v, providerName, out.timeouts); !s) return s;
    } else {
      return invalid(providerName, "unknown option \"" + key + "\"");
    }
  }
  if (!hasBaseUrl) return invalid(providerName, "base_url: required");
  return out;
}

}  // namespace gateos::plugins::drivers::openai

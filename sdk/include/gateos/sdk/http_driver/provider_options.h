#pragma once
// The provider options every HTTP driver shares (base_url, models,
// discover_models, headers, timeouts) and the parser that checks them again
// (the kernel validated the manifest's schema, but a driver must not rely on
// it). A driver passes its own options to `extra`. Errors read
// "provider <name>: base_url: …" with code kInvalidArgument.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "gateos/sdk/headers.h"
#include "gateos/sdk/http_client.h"
#include "gateos/sdk/json.h"
#include "gateos/sdk/status.h"

namespace gateos::sdk::http_driver {

struct HttpProviderOptions {
  std::string baseUrl;  // without trailing "/"
  std::vector<std::string> models;
  bool discoverModels = false;
  Headers headers;  // extra headers from the options
  HttpTimeouts timeouts;
};

struct BaseUrlRules {
  std::string defaultUrl;        // empty: base_url is required
  std::string_view stripSuffix;  // removed when the URL ends with it (e.g. "/v1": the driver adds it)
};

// Parses a driver-specific option: nullopt when `key` is not one (then the
// parser answers "unknown option"), else the result of parsing it.
using ExtraOptionParser = std::function<std::optional<Status>(const std::string& key, const Json& value)>;

Result<HttpProviderOptions> parseHttpProviderOptions(const Json& options, std::string_view providerName,
                                                     const BaseUrlRules& rules, const ExtraOptionParser& extra = {});

// "provider <name>: <message>", kInvalidArgument.
Status invalidOption(std::string_view providerName, const std::string& message);

// A header value without CR, LF or NUL.
bool isSingleLine(std::string_view value) noexcept;

}  // namespace gateos::sdk::http_driver

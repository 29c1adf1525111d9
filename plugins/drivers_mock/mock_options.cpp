#include "mock_options.h"

namespace gateos::plugins::drivers::mock {
namespace {

sdk::Status invalid(std::string_view provider, const std::string& message) {
  return {sdk::StatusCode::kInvalidArgument, "provider " + std::string(provider) + ": " + message};
}

}  // namespace

sdk::Result<MockOptions> parseMockOptions(const sdk::Json& options, std::string_view providerName) {
  MockOptions out;
  if (options.is_null()) return out;
  if (!options.is_object()) return invalid(providerName, "options: expected an object");
  for (auto it = options.begin(); it != options.end(); ++it) {
    const auto& key = it.key();
    const auto& v = it.value();
    if (key == "models") {
      if (!v.is_array()) return invalid(providerName, "models: expected an array of strings");
      out.models.clear();
      for (const auto& m : v) {
        if (!m.is_string() || m.get_ref<const std::string&>().empty())
          return invalid(providerName, "models: expected an array of non-empty strings");
        out.models.push_back(m.get<std::string>());
      }
    } else if (key == "chunk_count") {
      if (!v.is_number_integer() || v.get<int64_t>() < 1 || v.get<int64_t>() > 100000)
        return invalid(providerName, "chunk_count: expected an integer >= 1");
      out.chunkCount = v.get<int>();
    } else if (key == "chunk_delay_ms") {
      if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() > 3'600'000)
        return invalid(providerName, "chunk_delay_ms: expected an integer >= 0");
      out.chunkDelayMs = v.get<int>();
    } else if (key == "reply") {
      if (!v.is_string()) return invalid(providerName, "reply: expected a string");
      out.reply = v.get<std::string>();
    } else {
      return invalid(providerName, "unknown option \"" + key + "\"");
    }
  }
  return out;
}

}  // namespace gateos::plugins::drivers::mock

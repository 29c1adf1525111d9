#pragma once
// Small helpers for writing JSON text by hand on hot paths (SSE chunks), where
// building an nlohmann DOM per delta would cost more than the whole gateway budget.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "gateos/sdk/util/json_scan.h"

namespace gateos::sdk::codec::detail {

// Appends `s` as a quoted JSON string (one implementation for the whole SDK:
// gateos/sdk/util/json_scan.h). Invalid UTF-8 is copied as is.
inline void appendJsonString(std::string& out, std::string_view s) { util::appendJsonString(out, s); }

inline std::int64_t unixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace gateos::sdk::codec::detail

#pragma once
// Lays out RiskRecords as a risk.store file (store_format.h). Records for the
// same (ecosystem, normalised name) are grouped; a later record with the same
// kind and id replaces an earlier one, so re-importing an advisory updates it.
// The file is written next to its destination and renamed into place: readers
// never see half a file, and running gateways keep their old mapping.

#include <filesystem>
#include <vector>

#include "gateos/sdk/status.h"
#include "store/risk_record.h"

namespace gateos::plugins::stages::dependency_insight {

struct StoreStats {
  std::size_t packages = 0;
  std::size_t entries = 0;
  std::size_t bytes = 0;
};

sdk::Result<StoreStats> writeStore(const std::vector<RiskRecord>& records, const std::filesystem::path& file);

}  // namespace gateos::plugins::stages::dependency_insight

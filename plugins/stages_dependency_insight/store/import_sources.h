#pragma once
// Reads risk data from what `gateos insight import` is given: a file (.json
// OSV advisory or array, .jsonl lines of any document record_parser.h knows),
// a folder (every .json, .jsonl and .zip below it, in name order), or a zip
// archive such as OSV's per-ecosystem dumps
// (https://osv-vulnerabilities.storage.googleapis.com/<ecosystem>/all.zip).

#include <filesystem>
#include <vector>

#include "gateos/sdk/status.h"
#include "store/record_parser.h"

namespace gateos::plugins::stages::dependency_insight {

sdk::Status readSource(const std::filesystem::path& path, std::vector<RiskRecord>& out, ParseStats& stats);

}  // namespace gateos::plugins::stages::dependency_insight

#include "gateos/sdk/integration/connect_plan.h"

#include <fstream>
#include <sstream>

#include "gateos/sdk/integration/line_diff.h"

namespace gateos::sdk::integration {

namespace fs = std::filesystem;

Result<std::optional<std::string>> readConfigFile(const fs::path& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::optional<std::string>();
  if (!fs::is_regular_file(path, ec)) return Status(StatusCode::kInvalidArgument, path.string() + ": not a regular file");
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kPermissionDenied, path.string() + ": cannot read");
  std::ostringstream text;
  text << in.rdbuf();
  return std::optional<std::string>(text.str());
}

ConfigChange changeTo(const fs::path& path, const std::optional<std::string>& current, std::string after) {
  ConfigChange change;
  change.path = path;
  change.existed = current.has_value();
  change.before = current.value_or("");
  change.after = std::move(after);
  return change;
}

Json recordOf(const std::vector<ConfigChange>& changes) {
  Json files = Json::array();
  for (const auto& c : changes) {
    if (c.existed && !c.remove && c.before == c.after) continue;
    files.push_back({{"path", c.path.string()}, {"existed", c.existed}, {"before", c.before}, {"after", c.after}});
  }
  return Json{{"files", std::move(files)}};
}

Result<std::vector<ConfigChange>> planUndo(const Json& record) {
  std::vector<ConfigChange> out;
  if (!record.is_object() || !record.contains("files") || !record["files"].is_array())
    return Status(StatusCode::kInvalidArgument, "connect record: no files");
  for (const auto& f : record["files"]) {
    fs::path path = f.value("path", std::string());
    const bool existed = f.value("existed", false);
    const std::string before = f.value("before", std::string());
    const std::string after = f.value("after", std::string());
    auto current = readConfigFile(path);
    if (!current) return current.status();
    if (!current.value()) continue;  // removed since: nothing of ours is left
    ConfigChange change = changeTo(path, *current.value(), std::string());
    if (!existed && *current.value() == after) {
      change.remove = true;
      out.push_back(std::move(change));
      continue;
    }
    auto undone = undoEdits(before, after, *current.value());
    if (!undone) return Status(undone.status().code(), path.string() + ": " + undone.status().message());
    change.after = std::move(undone.value());
    // A file connect created and whose only other content is gone again.
    if (!existed && change.after.find_first_not_of(" \t\r\n") == std::string::npos) change.remove = true;
    out.push_back(std::move(change));
  }
  return out;
}

}  // namespace gateos::sdk::integration

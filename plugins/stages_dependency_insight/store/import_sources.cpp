#include "store/import_sources.h"

#include <Poco/Exception.h>
#include <Poco/Zip/ZipArchive.h>
#include <Poco/Zip/ZipStream.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

namespace gateos::plugins::stages::dependency_insight {
namespace fs = std::filesystem;
using sdk::Status;
using sdk::StatusCode;

namespace {

bool hasExtension(const fs::path& path, std::string_view ext) {
  auto e = path.extension().string();
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return e == ext;
}

Status readZip(const fs::path& path, std::vector<RiskRecord>& out, ParseStats& stats) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, path.string() + ": cannot open");
  char magic[2] = {};
  in.read(magic, 2);
  if (magic[0] != 'P' || magic[1] != 'K')
    return Status(StatusCode::kInvalidArgument, path.string() + ": not a zip archive");
  in.seekg(0);
  try {
    Poco::Zip::ZipArchive archive(in);
    for (auto it = archive.headerBegin(); it != archive.headerEnd(); ++it) {
      const auto& header = it->second;
      if (!header.isFile()) continue;
      const fs::path name = header.getFileName();
      if (!hasExtension(name, ".json") && !hasExtension(name, ".jsonl")) continue;
      Poco::Zip::ZipInputStream entry(in, header, true);
      std::ostringstream text;
      text << entry.rdbuf();
      const std::string origin = path.filename().string() + ":" + name.string();
      if (auto s = parseText(text.str(), origin, out, stats); !s) return s;
    }
  } catch (const Poco::Exception& e) {
    return Status(StatusCode::kInvalidArgument, path.string() + ": not a readable zip archive: " + e.displayText());
  } catch (const std::exception& e) {
    return Status(StatusCode::kInvalidArgument, path.string() + ": not a readable zip archive: " + e.what());
  }
  return {};
}

Status readFile(const fs::path& path, std::vector<RiskRecord>& out, ParseStats& stats) {
  if (hasExtension(path, ".zip")) return readZip(path, out, stats);
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status(StatusCode::kNotFound, path.string() + ": cannot open");
  std::ostringstream text;
  text << in.rdbuf();
  return parseText(text.str(), path.string(), out, stats);
}

}  // namespace

Status readSource(const fs::path& path, std::vector<RiskRecord>& out, ParseStats& stats) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec))
      if (it->is_regular_file() &&
          (hasExtension(it->path(), ".json") || hasExtension(it->path(), ".jsonl") || hasExtension(it->path(), ".zip")))
        files.push_back(it->path());
    if (ec) return Status(StatusCode::kInternal, path.string() + ": " + ec.message());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      if (auto s = readFile(f, out, stats); !s) return s;
    return {};
  }
  if (!fs::exists(path, ec)) return Status(StatusCode::kNotFound, path.string() + ": no such file or folder");
  return readFile(path, out, stats);
}

}  // namespace gateos::plugins::stages::dependency_insight

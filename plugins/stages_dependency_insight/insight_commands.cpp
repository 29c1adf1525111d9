// DependencyInsightPlugin: `gateos insight …` (sdk::CommandProvider).
//
//   import [--replace] PATH…        OSV files, folders, zip dumps, package status JSON Lines
//                                  → <data folder>/imported.store (merged with what was
//                                  imported before unless --replace)
//   status                         what the stores hold
//   check ECOSYSTEM NAME [VERSION] what the plugin would say about one package
//   scan FILE                      the findings for a text file ("-": standard input)
#include <fstream>
#include <iostream>
#include <sstream>

#include "extract/mention_extractor.h"
#include "findings.h"
#include "insight_plugin.h"
#include "store/import_sources.h"
#include "store/store_writer.h"

namespace gateos::plugins::stages::dependency_insight {

namespace {

constexpr std::string_view kUsage =
    "usage: gateos insight import [--replace] PATH...   load OSV advisories (files, folders, zip dumps)\n"
    "                                                  and package status JSON Lines into the imported store\n"
    "       gateos insight status                      what the risk stores hold\n"
    "       gateos insight check ECOSYSTEM NAME [VERSION]\n"
    "       gateos insight scan FILE|-                 findings for a text (a prompt, an answer, a manifest)\n";

int importCommand(DependencyInsightPlugin& plugin, const std::vector<std::string>& args, std::ostream& out,
                  std::ostream& err) {
  bool replace = false;
  std::vector<std::string> paths;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--replace") replace = true;
    else if (!args[i].empty() && args[i][0] == '-') {
      err << "gateos insight import: unknown option " << args[i] << "\n" << kUsage;
      return 2;
    } else paths.push_back(args[i]);
  }
  if (paths.empty()) {
    err << "gateos insight import: give at least one file or folder\n" << kUsage;
    return 2;
  }
  const auto target = plugin.importedStorePath();
  std::vector<RiskRecord> records;
  std::size_t kept = 0;
  if (!replace && std::filesystem::exists(target)) {
    auto existing = RiskStore::open(target);
    if (!existing) {
      err << "gateos insight import: " << existing.status().message() << " (use --replace to start over)\n";
      return 1;
    }
    (*existing)->forEachRecord([&](RiskRecord&& r) { records.push_back(std::move(r)); });
    kept = records.size();
  }
  ParseStats stats;
  for (const auto& path : paths)
    if (auto s = readSource(path, records, stats); !s) {
      err << "gateos insight import: " << s.message() << "\nnothing was changed\n";
      return 1;
    }
  if (stats.records == 0) {
    err << "gateos insight import: no usable records in " << paths.front() << (paths.size() > 1 ? " …" : "")
        << " (" << stats.documents << " documents, " << stats.withdrawn << " withdrawn, " << stats.skipped
        << " skipped); nothing was changed\n";
    return 1;
  }
  auto written = writeStore(records, target);
  if (!written) {
    err << "gateos insight import: " << written.status().message() << "\nnothing was changed\n";
    return 1;
  }
  out << "imported " << stats.records << " records from " << stats.documents << " documents (" << stats.withdrawn
      << " withdrawn and " << stats.skipped << " unusable skipped)";
  if (kept) out << ", merged with " << kept << " earlier records";
  out << "\nimported store: " << written->packages << " packages, " << written->entries << " entries, "
      << written->bytes << " bytes at " << target.string() << "\n"
      << "a running gateway picks it up within its refresh interval\n";
  return 0;
}

void printStore(std::ostream& out, std::string_view label, const std::filesystem::path& path) {
  out << label << ": " << path.string();
  if (!std::filesystem::exists(path)) {
    out << " (none)\n";
    return;
  }
  auto store = RiskStore::open(path);
  if (!store) {
    out << " (unreadable: " << store.status().message() << ")\n";
    return;
  }
  out << "\n  " << (*store)->packageCount() << " packages, " << (*store)->entryCount() << " entries, "
      << (*store)->byteSize() << " bytes\n";
}

int checkCommand(DependencyInsightPlugin& plugin, const std::vector<std::string>& args, std::ostream& out,
                 std::ostream& err) {
  if (args.size() < 3 || args.size() > 4) {
    err << kUsage;
    return 2;
  }
  const auto ecosystem = parseEcosystem(args[1]);
  if (!ecosystem) {
    err << "gateos insight check: unknown ecosystem '" << args[1]
        << "' (npm, PyPI, crates.io, Go, Maven, RubyGems, Packagist)\n";
    return 2;
  }
  PackageMention m{*ecosystem, args[2], args.size() == 4 ? args[3] : std::string(), MentionSource::kInstall};
  std::vector<Finding> findings;
  const auto data = plugin.data();  // findings point into it
  data->check(m, findings);
  if (findings.empty()) out << "no known risk for " << ecosystemName(*ecosystem) << " package " << args[2] << "\n";
  for (const auto& f : findings) out << riskKindName(f.kind) << ": " << describe(f) << "\n";
  return 0;
}

int scanCommand(DependencyInsightPlugin& plugin, const std::vector<std::string>& args, std::ostream& out,
                std::ostream& err) {
  if (args.size() != 2) {
    err << kUsage;
    return 2;
  }
  std::string text;
  if (args[1] == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    text = buffer.str();
  } else {
    std::ifstream in(args[1], std::ios::binary);
    if (!in) {
      err << "gateos insight scan: cannot open " << args[1] << "\n";
      return 1;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  Mentions mentions;
  MentionExtractor extractor;
  extractor.scan(text, mentions);
  std::set<std::string> seen;
  const auto data = plugin.data();  // findings point into it
  auto findings = assess(*data, Profile{}, mentions, seen);
  out << mentions.size() << " package mentions, " << findings.size() << " findings\n";
  for (const auto& f : findings) out << riskKindName(f.kind) << ": " << describe(f) << "\n";
  return 0;
}

}  // namespace

int DependencyInsightPlugin::runCommand(std::string_view command, const std::vector<std::string>& args,
                                        std::ostream& out, std::ostream& err) noexcept {
  try {
    if (command != "insight" || args.empty() || args[0] == "help" || args[0] == "--help") {
      (args.empty() ? err : out) << kUsage;
      return args.empty() ? 2 : 0;
    }
    const std::string& action = args[0];
    if (action == "import") return importCommand(*this, args, out, err);
    if (action == "check") return checkCommand(*this, args, out, err);
    if (action == "scan") return scanCommand(*this, args, out, err);
    if (action == "status") {
      if (config_) out << config_->scanningSummary() << "\n";
      printStore(out, "starter data", starterStorePath());
      printStore(out, "imported data", importedStorePath());
      return 0;
    }
    err << "gateos insight: unknown action '" << action << "'\n" << kUsage;
    return 2;
  } catch (const std::exception& e) {
    err << "gateos insight: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace gateos::plugins::stages::dependency_insight

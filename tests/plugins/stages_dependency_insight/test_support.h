#pragma once
// Helpers shared by the stages.dependency_insight tests.

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "extract/mention_extractor.h"
#include "store/record_parser.h"
#include "store/risk_store.h"
#include "store/store_writer.h"

namespace gateos::plugins::stages::dependency_insight::testing {

inline Mentions scanText(std::string_view text) {
  Mentions out;
  MentionExtractor extractor;
  extractor.scan(text, out);
  return out;
}

inline bool hasMention(const Mentions& mentions, Ecosystem ecosystem, std::string_view name,
                       std::string_view version = {}) {
  return std::any_of(mentions.begin(), mentions.end(), [&](const PackageMention& m) {
    return m.ecosystem == ecosystem && m.name == name && m.version == version;
  });
}

inline std::string describeAll(const Mentions& mentions) {
  std::string out;
  for (const auto& m : mentions) out += std::string(ecosystemName(m.ecosystem)) + ":" + m.name + "@" + m.version + " ";
  return out;
}

// A store built from JSON Lines text in a temporary file.
inline std::shared_ptr<const RiskStore> storeFrom(const std::string& jsonl, const std::filesystem::path& file) {
  std::vector<RiskRecord> records;
  ParseStats stats;
  if (auto s = parseText(jsonl, "test", records, stats); !s) throw std::runtime_error(s.message());
  if (auto w = writeStore(records, file); !w) throw std::runtime_error(w.status().message());
  auto store = RiskStore::open(file);
  if (!store) throw std::runtime_error(store.status().message());
  return store.value();
}

// A small data set used across tests: one of each kind.
inline const char* kFixtureData = R"jsonl({"ecosystem": "PyPI", "name": "evil-requests", "versions": null, "source": "DataDog malicious-software-packages-dataset"}
{"ecosystem": "npm", "name": "@solana/web3.js", "versions": ["1.95.7"], "source": "DataDog malicious-software-packages-dataset"}
{"ecosystem": "npm", "name": "crossenv", "versions": null, "source": "DataDog malicious-software-packages-dataset"}
{"id":"PYSEC-2018-28","modified":"2021-01-01T00:00:00Z","aliases":["CVE-2018-18074"],"details":"The Requests package before 2.20.0 sends an HTTP Authorization header to an http URI upon receiving a same-hostname https-to-http redirect.","affected":[{"package":{"name":"requests","ecosystem":"PyPI"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"2.20.0"}]}]}]}
{"id":"PYSEC-2099-1","modified":"2021-01-01T00:00:00Z","withdrawn":"2022-01-01T00:00:00Z","aliases":[],"details":"withdrawn","affected":[{"package":{"name":"flask","ecosystem":"PyPI"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}
{"id":"GO-2020-0001","modified":"0001-01-01T00:00:00Z","aliases":[],"summary":"Arbitrary log line injection in github.com/gin-gonic/gin","affected":[{"package":{"name":"github.com/gin-gonic/gin","ecosystem":"Go"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"1.6.0"}]}]}],"database_specific":{"url":"https://pkg.go.dev/vuln/GO-2020-0001"}}
{"id":"RUSTSEC-2020-0071","modified":"2021-01-01T00:00:00Z","aliases":[],"summary":"Potential segfault in the time crate","affected":[{"package":{"name":"time","ecosystem":"crates.io"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0.0.0-0"},{"fixed":"0.2.23"}]}]}]}
{"id":"MAL-2024-1","modified":"2024-01-01T00:00:00Z","aliases":[],"summary":"Malicious code in left-padd (npm)","affected":[{"package":{"name":"left-padd","ecosystem":"npm"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"}]}]}]}
{"ecosystem": "npm", "name": "moment", "reason": "lighter, maintained alternatives exist", "replacement": "dayjs | date-fns", "category": "preferred", "source": "es-tooling/module-replacements"}
{"ecosystem": "PyPI", "name": "nose", "status": "archived", "reason": "unmaintained since 2015", "replacement": "pytest", "link": "https://github.com/nose-devs/nose"}
)jsonl";

}  // namespace gateos::plugins::stages::dependency_insight::testing

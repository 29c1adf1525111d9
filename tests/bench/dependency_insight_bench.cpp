// Micro-benchmark of stages.dependency_insight (run by hand, never by ctest):
//
//   gateos_bench_dependency_insight [--prompt-only] [STARTER.store]
//
//   1. extraction + lookup: a 20 KB prompt with 50 imports/pins/install
//      commands, scanned and checked against the starter store (budget 100 µs);
//      also the same text streamed in 24-byte chunks
//   2. a 200,000-package store: build time (not budgeted), open time (budget
//      1 s), resident memory after opening and after 200,000 lookups (budget 100 MB)
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "extract/mention_extractor.h"
#include "findings.h"
#include "risk_data.h"
#include "store/risk_store.h"
#include "store/store_writer.h"

using namespace gateos::plugins::stages::dependency_insight;
using Clock = std::chrono::steady_clock;

namespace {

long residentKb() {
  std::ifstream in("/proc/self/status");
  for (std::string line; std::getline(in, line);)
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  return -1;
}

std::string prompt20k() {
  std::string p = "I'm building a data pipeline and a small web front end. Here is what I have so far; "
                  "please review it, point out problems, and suggest better libraries where it makes sense.\n\n";
  p += "```python\n";
  const char* py[] = {"requests", "numpy as np", "pandas as pd", "yaml", "cv2", "boto3", "sqlalchemy", "pydantic",
                      "fastapi", "uvicorn", "httpx", "rich", "click", "jinja2", "redis", "celery", "scipy", "torch",
                      "transformers", "matplotlib.pyplot as plt"};
  for (auto m : py) p += std::string("import ") + m + "\n";
  p += "from PIL import Image\nfrom bs4 import BeautifulSoup\nimport os\nimport json\n\n";
  p += "```\n\n```ts\n";
  const char* js[] = {"express", "zod", "axios", "lodash", "react", "react-dom", "@tanstack/react-query", "dayjs",
                      "chalk", "commander", "moment", "uuid", "jsonwebtoken"};
  for (auto m : js) p += std::string("import x") + std::to_string(p.size() % 97) + " from '" + m + "';\n";
  p += "```\n\nrequirements.txt:\n```\n";
  const char* req[] = {"requests==2.19.0", "urllib3==1.24.1", "Django==3.2.0", "flask==2.0.1", "jinja2==2.10",
                       "pyyaml==5.3", "cryptography==3.2", "pillow==8.0.0"};
  for (auto r : req) p += std::string(r) + "\n";
  p += "```\n\nTo set up run `pip install evil-requests` and `npm i crossenv left-pad` then `cargo add time@0.1.42`.\n\n";
  // Filler: realistic code without package names, to 20 KB.
  const std::string filler =
      "def process_batch(items, *, limit=100):\n"
      "    \"\"\"Process a batch of items and return the results in order.\"\"\"\n"
      "    results = []\n"
      "    for index, item in enumerate(items[:limit]):\n"
      "        if item is None or not item.get('id'):\n"
      "            continue  # skip incomplete records from the upstream feed\n"
      "        results.append({'index': index, 'value': item['value'] * 2})\n"
      "    return results\n\n";
  p += "```python\n";
  while (p.size() < 20 * 1024 - 200) p += filler;
  p += "```\nThanks!\n";
  return p;
}

// Thread CPU time, not wall time: on a shared machine (this one has 2 cores for
// a whole team) waiting for a core is not work the gateway adds.
double threadMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

template <typename Fn>
std::pair<double, double> timeIt(int rounds, Fn&& fn) {
  std::vector<double> us;
  us.reserve(rounds);
  for (int i = 0; i < rounds; ++i) {
    const double t0 = threadMicros();
    fn();
    us.push_back(threadMicros() - t0);
  }
  std::sort(us.begin(), us.end());
  return {us[us.size() / 2], us[us.size() * 99 / 100]};
}

std::vector<RiskRecord> syntheticRecords(std::size_t packages) {
  std::mt19937 rng(42);
  std::vector<RiskRecord> out;
  out.reserve(packages);
  const Ecosystem ecosystems[] = {Ecosystem::kNpm, Ecosystem::kPyPI, Ecosystem::kCrates, Ecosystem::kGo};
  for (std::size_t i = 0; i < packages; ++i) {
    RiskRecord r;
    r.ecosystem = ecosystems[i % 4];
    r.name = (r.ecosystem == Ecosystem::kGo ? "github.com/owner" + std::to_string(i % 5000) + "/pkg-" : "pkg-") +
             std::to_string(i);
    const int kind = static_cast<int>(rng() % 10);
    if (kind < 4) {
      r.kind = RiskKind::kMalicious;
      r.id = "MAL-2024-" + std::to_string(i);
      r.summary = "Malicious code in " + r.name;
      r.allVersions = kind < 3;
      if (!r.allVersions) r.versions = {"1.0." + std::to_string(i % 7), "1.0." + std::to_string(i % 7 + 1)};
    } else {
      r.kind = RiskKind::kVulnerable;
      r.id = "GHSA-" + std::to_string(100000 + i);
      r.summary = "Denial of service via crafted input in " + r.name + " when parsing untrusted documents";
      r.link = "https://osv.dev/vulnerability/" + r.id;
      r.ranges.push_back({"0", std::to_string(i % 9 + 1) + ".2.3", ""});
      if (kind > 7) r.ranges.push_back({"3.0.0", "3.1.4", ""});
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  bool promptOnly = false;
  std::string starter = GATEOS_INSIGHT_STARTER_STORE;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--prompt-only") promptOnly = true;
    else starter = argv[i];
  }
  auto store = RiskStore::open(starter);
  if (!store) {
    std::fprintf(stderr, "%s\n", store.status().message().c_str());
    return 1;
  }
  RiskData data;
  data.add(store.value());
  const Profile profile;

  // 1. Extraction and lookup on a 20 KB prompt.
  const std::string prompt = prompt20k();
  Mentions mentions;
  MentionExtractor probe;
  probe.scan(prompt, mentions);
  std::set<std::string> seen;
  const auto findings = assess(data, profile, mentions, seen);
  std::printf("prompt: %zu bytes, %zu package mentions, %zu findings\n", prompt.size(), mentions.size(),
              findings.size());
  auto [p50, p99] = timeIt(3000, [&] {
    Mentions m;
    m.reserve(64);
    MentionExtractor extractor;
    extractor.scan(prompt, m);
    std::set<std::string> s;
    auto f = assess(data, profile, m, s);
    if (f.empty()) std::abort();
  });
  std::printf("extraction + lookup, whole prompt:      p50 %7.1f us  p99 %7.1f us   (budget 100 us) %s\n", p50, p99,
              p50 <= 100 ? "PASS" : "FAIL");
  auto [e50, e99] = timeIt(3000, [&] {
    Mentions m;
    m.reserve(64);
    MentionExtractor extractor;
    extractor.scan(prompt, m);
    if (m.empty()) std::abort();
  });
  std::printf("  of which extraction alone:            p50 %7.1f us  p99 %7.1f us\n", e50, e99);
  auto [l50, l99] = timeIt(3000, [&] {
    std::set<std::string> s;
    auto f = assess(data, profile, mentions, s);
    if (f.empty()) std::abort();
  });
  std::printf("  of which lookup + findings alone:     p50 %7.1f us  p99 %7.1f us\n", l50, l99);
  auto [s50, s99] = timeIt(1000, [&] {
    Mentions m;
    MentionExtractor extractor;
    std::set<std::string> s;
    for (std::size_t at = 0; at < prompt.size(); at += 24) {
      extractor.feed(std::string_view(prompt).substr(at, 24), m);
      if (!m.empty()) {
        assess(data, profile, m, s);
        m.clear();
      }
    }
    extractor.finish(m);
  });
  std::printf("extraction + lookup, 24-byte stream:    p50 %7.1f us  p99 %7.1f us\n", s50, s99);

  if (promptOnly) return 0;

  // 2. A 200,000-package store.
  const auto dir = std::filesystem::temp_directory_path() / ("gateos-insight-bench-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "big.store";
  {
    auto records = syntheticRecords(200000);
    const auto t0 = Clock::now();
    auto written = writeStore(records, file);
    if (!written) {
      std::fprintf(stderr, "%s\n", written.status().message().c_str());
      return 1;
    }
    std::printf("200k-package store: %zu packages, %zu entries, %.1f MB on disk, built in %.0f ms (not budgeted)\n",
                written->packages, written->entries, written->bytes / 1048576.0,
                std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  // Drop the builder's memory from the picture as far as the allocator lets us.
  const long before = residentKb();
  const auto t0 = Clock::now();
  auto big = RiskStore::open(file);
  const double openMs = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  if (!big) {
    std::fprintf(stderr, "%s\n", big.status().message().c_str());
    return 1;
  }
  const long afterOpen = residentKb();
  std::size_t hits = 0;
  std::vector<RiskHit> out;
  const auto l0 = Clock::now();
  for (std::size_t i = 0; i < 200000; ++i) {
    out.clear();
    const Ecosystem e = i % 4 == 0 ? Ecosystem::kNpm : i % 4 == 1 ? Ecosystem::kPyPI : i % 4 == 2 ? Ecosystem::kCrates : Ecosystem::kGo;
    const std::string name = (e == Ecosystem::kGo ? "github.com/owner" + std::to_string(i % 5000) + "/pkg-" : "pkg-") +
                             std::to_string(i);
    (*big)->check(e, name, "1.0.1", out);
    hits += !out.empty();
  }
  const double lookupNs = std::chrono::duration<double, std::nano>(Clock::now() - l0).count() / 200000;
  const long afterLookups = residentKb();
  std::printf("open 200k-package store:                %7.2f ms      (budget 1000 ms) %s\n", openMs,
              openMs <= 1000 ? "PASS" : "FAIL");
  std::printf("resident memory added: after open %.1f MB, after 200k lookups %.1f MB (budget 100 MB) %s\n",
              (afterOpen - before) / 1024.0, (afterLookups - before) / 1024.0,
              (afterLookups - before) / 1024.0 <= 100 ? "PASS" : "FAIL");
  std::printf("lookup incl. name building: %.0f ns each, %zu of 200000 hit\n", lookupNs, hits);
  std::filesystem::remove_all(dir);
  return 0;
}

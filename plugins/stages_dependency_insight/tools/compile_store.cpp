// gateos_insight_compile OUTPUT.store INPUT…: builds a risk store from the
// same inputs `gateos insight import` reads. The build uses it to turn the
// starter data in data/ into the plugin asset risk.store.
#include <cstdio>

#include "store/import_sources.h"
#include "store/store_writer.h"

int main(int argc, char** argv) {
  using namespace gateos::plugins::stages::dependency_insight;
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s OUTPUT.store INPUT...\n", argv[0]);
    return 2;
  }
  std::vector<RiskRecord> records;
  ParseStats stats;
  for (int i = 2; i < argc; ++i)
    if (auto s = readSource(argv[i], records, stats); !s) {
      std::fprintf(stderr, "%s\n", s.message().c_str());
      return 1;
    }
  auto written = writeStore(records, argv[1]);
  if (!written) {
    std::fprintf(stderr, "%s\n", written.status().message().c_str());
    return 1;
  }
  std::printf("%s: %zu records (%zu withdrawn skipped, %zu unusable) -> %zu packages, %zu entries, %zu bytes\n",
              argv[1], stats.records, stats.withdrawn, stats.skipped, written->packages, written->entries,
              written->bytes);
  return 0;
}

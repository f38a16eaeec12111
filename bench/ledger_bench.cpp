// ledger_bench: what reading an office ledger costs over importing JSON Lines (docs/ledger.md).
//
//   ledger_bench [--records N] [--repeat R] [--itaku PATH] [--keep]
//
// Generates N synthetic records (bench/record_generator.cpp) as JSON Lines, writes the same
// records as an office ledger CSV with its MAP.json (bench/ledger_writer.cpp: 和暦 dates, 有/無,
// full-width 法人番号), and imports each into a fresh SQLite file as a separate process, R times,
// alternating, each ledger run paired with the JSON Lines run before it. The ratio is the JSON
// Lines import's time over the ledger import's (1.0: as fast; the target is >= 0.5); the median
// of the paired ratios counts. The two databases are then compared (store_summary.hpp): the
// ledger must have stored the same rows.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "ledger_writer.hpp"
#include "record_generator.hpp"
#include "store_summary.hpp"

namespace {

namespace fs = std::filesystem;
using itaku::bench::Measurement;

struct Options {
  std::size_t records = 100000;
  int repeat = 5;
  std::string itaku = ITAKU_EXECUTABLE;
  bool keep = false;
};

[[noreturn]] void usage() {
  std::cerr << "usage: ledger_bench [--records N] [--repeat R] [--itaku PATH] [--keep]\n";
  std::exit(2);
}

Options parse_options(const std::vector<std::string>& args) {
  Options options;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) usage();
      return args[++i];
    };
    if (args[i] == "--records") {
      options.records = std::stoul(value());
    } else if (args[i] == "--repeat") {
      options.repeat = std::max(1, std::stoi(value()));
    } else if (args[i] == "--itaku") {
      options.itaku = value();
    } else if (args[i] == "--keep") {
      options.keep = true;
    } else {
      usage();
    }
  }
  return options;
}

std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void require_success(const Measurement& measurement, const std::string& what, const fs::path& stderr_file) {
  if (measurement.exit_code == 0) return;
  std::cerr << "ledger_bench: " << what << " failed with exit code " << measurement.exit_code << "\n"
            << read_text(stderr_file).substr(0, 4000) << "\n";
  std::exit(1);
}

void remove_sqlite_files(const fs::path& database) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(database.string() + suffix);
}

void row(const char* label, const Measurement& m, std::size_t records, const std::string& ratio, const char* target) {
  std::printf("  %-58s %10.0f %9.3f %8.3f %9.1f %7s %8s\n", label, static_cast<double>(records) / m.seconds, m.seconds,
              m.cpu_seconds, static_cast<double>(m.peak_rss_kib) / 1024, ratio.c_str(), target);
}

int run_benchmark(const Options& options) {
  const fs::path work = fs::temp_directory_path() / ("itaku-ledger-bench-" + std::to_string(::getpid()));
  fs::create_directories(work);
  const fs::path records = work / "records.jsonl", ledger = work / "ledger.csv", mapping = work / "map.json";
  {
    std::ofstream out(records, std::ios::binary);
    itaku::bench::write_synthetic_records(out, options.records);
  }
  itaku::bench::write_office_ledger(records, ledger, mapping);
  const fs::path jsonl_db = work / "jsonl.db", ledger_db = work / "ledger.db", errors = work / "import.err";
  std::printf("ledger_bench: %zu records; JSON Lines %.1f MiB, ledger CSV %.1f MiB; %s\n", options.records,
              static_cast<double>(fs::file_size(records)) / 1048576, static_cast<double>(fs::file_size(ledger)) / 1048576,
              options.itaku.c_str());
  std::fflush(stdout);

  std::vector<double> ratios;
  Measurement best_jsonl, best_ledger;
  for (int run = 0; run < options.repeat; ++run) {
    remove_sqlite_files(jsonl_db);
    remove_sqlite_files(ledger_db);
    const Measurement jsonl = itaku::bench::run_child(
        {options.itaku, "import", records.string(), "--db", jsonl_db.string(), "--actor", "ledger-bench"},
        {"/dev/null", errors.string()});
    require_success(jsonl, "itaku import records.jsonl", errors);
    const Measurement mapped = itaku::bench::run_child({options.itaku, "import", ledger.string(), "--mapping",
                                                        mapping.string(), "--db", ledger_db.string(), "--actor",
                                                        "ledger-bench"},
                                                       {"/dev/null", errors.string()});
    require_success(mapped, "itaku import ledger.csv --mapping map.json", errors);
    ratios.push_back(jsonl.seconds / mapped.seconds);
    if (run == 0 || jsonl.seconds < best_jsonl.seconds) best_jsonl = jsonl;
    if (run == 0 || mapped.seconds < best_ledger.seconds) best_ledger = mapped;
  }
  const std::string differences = itaku::bench::differences(itaku::bench::summarise_sqlite(ledger_db.string()),
                                                             itaku::bench::summarise_sqlite(jsonl_db.string()));
  std::vector<double> sorted = ratios;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t n = sorted.size();
  const double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  char median_text[32];
  std::snprintf(median_text, sizeof median_text, "%.2f", median);

  std::printf("\nImport of the same %zu records into a fresh SQLite file (median of %d paired runs)\n", options.records,
              options.repeat);
  std::printf("  %-58s %10s %9s %8s %9s %7s %8s\n", "", "records/s", "seconds", "CPU s", "peak MiB", "ratio", "target");
  row("baseline: itaku import records.jsonl", best_jsonl, options.records, "", "");
  row("itaku import ledger.csv --mapping map.json (和暦, 有/無, 全角)", best_ledger, options.records, median_text,
      ">= 0.5");
  std::printf("  ratio per run:");
  for (const double ratio : ratios) std::printf(" %.2f", ratio);
  std::printf("  (JSON Lines seconds / ledger seconds; records/s above: the fastest run of each)\n");
  if (differences.empty()) {
    std::printf("  check: the ledger's and the JSON Lines' databases hold the same rows (store_summary.cpp)\n");
  } else {
    std::printf("  check: the databases differ:\n%s", differences.c_str());
  }
  if (options.keep) {
    std::printf("kept: %s\n", work.c_str());
  } else {
    fs::remove_all(work);
  }
  return differences.empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (!args.empty() && args[0] == itaku::bench::kMeasureFlag) {
      return itaku::bench::measure_main({args.begin() + 1, args.end()});
    }
    return run_benchmark(parse_options(args));
  } catch (const std::exception& error) {
    std::cerr << "ledger_bench: " << error.what() << "\n";
    return 3;
  }
}

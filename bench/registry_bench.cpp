// registry_bench: what the registry costs over the raw database, in one run (issue 3, item 8).
//
//   registry_bench [--records N] [--repeat R] [--pg-url URL] [--itaku PATH] [--startup-runs S] [--keep]
//   registry_bench --generate FILE N     only write N synthetic records (for profiling by hand)
//
// Generates N synthetic valid records (~1 KB each, bench/record_generator.cpp) and measures, each
// as a separate process so that wall time, CPU time and peak RSS are that process's own:
//   1. SQLite import: `itaku import FILE --db FILE.db` into a fresh file, against this program
//      re-executed as a raw baseline (C API prepared inserts of the same rows, one transaction).
//   2. PostgreSQL import (with --pg-url or $ITAKU_TEST_PG_URL): `itaku import` into a fresh database,
//      against a baseline that COPYs the same rows through libpq into another fresh database.
//   3. Review: `itaku review --registry` over the N imported engagements against `itaku review FILE`
//      of the same records, with one worker and with the default number.
//   4. Start-up on the 25 example records: itaku commands against the sqlite3 shell running one query.
// Imports are run R times (default 5), each itaku run paired with a baseline run right after it,
// and the median of the paired ratios counts; reviews R times, the fastest counting; start-up S
// times (default 30). The databases each import wrote are compared (store_summary.hpp) to show that
// itaku and the baseline wrote the same rows.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "baseline_loaders.hpp"
#include "child_process.hpp"
#include "record_generator.hpp"
#include "store_summary.hpp"

namespace {

namespace fs = std::filesystem;
using itaku::bench::Measurement;

constexpr const char* kAsOf = "2025-06-01";
constexpr const char* kActor = "registry-bench";

struct Options {
  std::size_t records = 100000;
  int repeat = 5;
  int startup_runs = 30;
  std::string pg_url;
  std::string itaku = ITAKU_EXECUTABLE;
  bool keep = false;
};

[[noreturn]] void usage() {
  std::cerr << "usage: registry_bench [--records N] [--repeat R] [--pg-url URL] [--itaku PATH] [--startup-runs S] "
               "[--keep]\n"
               "       registry_bench --generate FILE N\n";
  std::exit(2);
}

Options parse_options(const std::vector<std::string>& args) {
  Options options;
  if (const char* url = std::getenv("ITAKU_TEST_PG_URL"); url && *url) options.pg_url = url;
  for (std::size_t i = 0; i < args.size(); ++i) {
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) usage();
      return args[++i];
    };
    if (args[i] == "--records")
      options.records = std::stoul(value());
    else if (args[i] == "--repeat")
      options.repeat = std::max(1, std::stoi(value()));
    else if (args[i] == "--startup-runs")
      options.startup_runs = std::max(1, std::stoi(value()));
    else if (args[i] == "--pg-url")
      options.pg_url = value();
    else if (args[i] == "--itaku")
      options.itaku = value();
    else if (args[i] == "--keep")
      options.keep = true;
    else
      usage();
  }
  return options;
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Stops the benchmark when a measured command failed: a failed run has no meaningful figures.
void require_success(const Measurement& measurement, const std::string& what, const fs::path& stderr_file) {
  if (measurement.exit_code == 0) return;
  std::cerr << "registry_bench: " << what << " failed with exit code " << measurement.exit_code << "\n"
            << read_text(stderr_file).substr(0, 4000) << "\n";
  std::exit(1);
}

void remove_sqlite_files(const fs::path& database) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(database.string() + suffix);
}

// The same server and credentials, another database: the path of the URL replaced.
std::string with_database(const std::string& url, const std::string& database) {
  const std::size_t scheme = url.find("://");
  if (scheme == std::string::npos) throw std::runtime_error("not a URL: " + url);
  const std::size_t path = url.find('/', scheme + 3);
  const std::size_t query = url.find('?', scheme + 3);
  const std::string authority = url.substr(0, std::min(path, query));
  const std::string rest = query == std::string::npos ? "" : url.substr(query);
  return authority + "/" + database + rest;
}

class PostgresqlDatabases {
 public:
  PostgresqlDatabases(std::string admin_url, fs::path work)
      : admin_url_(std::move(admin_url)), work_(std::move(work)) {}

  // A new empty database (dropped first if a previous run left it); returns its URL.
  std::string fresh(const std::string& name) {
    drop(name);
    psql(admin_url_, "CREATE DATABASE " + name);
    created_.push_back(name);
    return with_database(admin_url_, name);
  }
  void drop(const std::string& name) { psql(admin_url_, "DROP DATABASE IF EXISTS " + name); }
  void analyze(const std::string& url) { psql(url, "ANALYZE"); }
  void drop_all() {
    for (const auto& name : created_) drop(name);
    created_.clear();
  }

 private:
  void psql(const std::string& url, const std::string& command) {
    const fs::path errors = work_ / "psql.err";
    const Measurement run = itaku::bench::run_child(
        {"psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", command}, {"/dev/null", errors.string()});
    require_success(run, "psql -c \"" + command + "\"", errors);
  }

  std::string admin_url_;
  fs::path work_;
  std::vector<std::string> created_;
};

struct ImportComparison {
  Measurement itaku;     // the fastest run
  Measurement baseline;  // the fastest run
  std::vector<double> ratios;  // per run: the baseline's time over itaku's, paired run by run
  std::string differences;     // empty when both databases hold the same rows

  // The median of the paired ratios: a slow phase of the machine that hits one pair does not
  // move it, and no run's luck is picked (the issue's figure to keep).
  double median_ratio() const {
    std::vector<double> sorted = ratios;
    std::sort(sorted.begin(), sorted.end());
    const std::size_t n = sorted.size();
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
};

// Alternates itaku and baseline runs so that a slow phase of the machine hits both alike.
template <typename Fresh, typename Summarise>
ImportComparison compare_imports(const Options& options, const fs::path& work, const std::string& label,
                                 const std::vector<std::string>& itaku_args,
                                 const std::vector<std::string>& baseline_args, Fresh&& fresh_databases,
                                 Summarise&& summarise) {
  ImportComparison comparison;
  const fs::path errors = work / "import.err";
  for (int run = 0; run < options.repeat; ++run) {
    fresh_databases();
    const Measurement itaku = itaku::bench::run_child(itaku_args, {(work / "import.out").string(), errors.string()});
    require_success(itaku, "itaku import (" + label + ")", errors);
    const Measurement baseline = itaku::bench::run_child(baseline_args, {"/dev/null", errors.string()});
    require_success(baseline, "the " + label + " baseline", errors);
    comparison.ratios.push_back(baseline.seconds / itaku.seconds);
    if (run == 0 || itaku.seconds < comparison.itaku.seconds) comparison.itaku = itaku;
    if (run == 0 || baseline.seconds < comparison.baseline.seconds) comparison.baseline = baseline;
  }
  comparison.differences = summarise();
  return comparison;
}

class Report {
 public:
  explicit Report(std::size_t records) : records_(records) {}

  void heading(const std::string& text) { std::printf("\n%s\n", text.c_str()); }
  void columns() {
    std::printf("  %-52s %10s %9s %8s %9s %7s %8s\n", "", "records/s", "seconds", "CPU s", "peak MiB", "ratio",
                "target");
  }
  void row(const std::string& label, const Measurement& m, const std::string& ratio = "",
           const std::string& target = "") {
    std::printf("  %-52s %10.0f %9.3f %8.3f %9.1f %7s %8s\n", label.c_str(), static_cast<double>(records_) / m.seconds,
                m.seconds, m.cpu_seconds, static_cast<double>(m.peak_rss_kib) / 1024, ratio.c_str(), target.c_str());
  }
  void startup_row(const std::string& label, const Measurement& m, const std::string& ratio = "",
                   const std::string& target = "") {
    std::printf("  %-52s %10.2f %9.1f %7s %8s\n", label.c_str(), m.seconds * 1000,
                static_cast<double>(m.peak_rss_kib) / 1024, ratio.c_str(), target.c_str());
  }

 private:
  std::size_t records_;
};

std::string ratio_text(double ratio) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", ratio);
  return text;
}

// records/s of `measured` over records/s of `reference` (same record count: the inverse time ratio).
std::string speed_ratio(const Measurement& measured, const Measurement& reference) {
  return ratio_text(reference.seconds / measured.seconds);
}

void print_runs(const ImportComparison& comparison) {
  std::printf("  ratio per run:");
  for (const double ratio : comparison.ratios) std::printf(" %.2f", ratio);
  std::printf("  (median %.2f; records/s above: the fastest run of each)\n", comparison.median_ratio());
}

void print_check(const std::string& label, const std::string& differences) {
  if (differences.empty()) {
    std::printf("  check: itaku's and the baseline's %s databases hold the same rows (store_summary.cpp)\n",
                label.c_str());
  } else {
    std::printf("  check: the %s databases differ:\n%s", label.c_str(), differences.c_str());
  }
}

int run_benchmark(const Options& options) {
  const fs::path work = fs::temp_directory_path() / ("itaku-registry-bench-" + std::to_string(::getpid()));
  fs::create_directories(work);
  const fs::path records = work / "records.jsonl";
  std::size_t bytes = 0;
  {
    std::ofstream out(records, std::ios::binary);
    bytes = itaku::bench::write_synthetic_records(out, options.records);
  }
  const std::string self = fs::canonical("/proc/self/exe").string();
  const std::string itaku = options.itaku;
  const unsigned cores = std::thread::hardware_concurrency();
  std::string version = itaku::bench::output_of({itaku, "--version"});
  while (!version.empty() && (version.back() == '\n' || version.back() == '\r')) version.pop_back();

  std::printf("registry_bench: %zu records (%.0f bytes each on average), %u cores, %s (%s)\n", options.records,
              static_cast<double>(bytes) / static_cast<double>(options.records), cores, version.c_str(), itaku.c_str());
  std::printf("imports: median ratio of %d paired runs; reviews: best of %d run(s); start-up: best of %d runs\n",
              options.repeat, options.repeat,
              options.startup_runs);
  std::fflush(stdout);

  // 1. SQLite import.
  const fs::path itaku_db = work / "itaku.db";
  const fs::path baseline_db = work / "baseline.db";
  const ImportComparison sqlite = compare_imports(
      options, work, "SQLite", {itaku, "import", records.string(), "--db", itaku_db.string(), "--actor", kActor},
      {self, "--baseline-sqlite", records.string(), baseline_db.string()},
      [&] {
        remove_sqlite_files(itaku_db);
        remove_sqlite_files(baseline_db);
      },
      [&] {
        return itaku::bench::differences(itaku::bench::summarise_sqlite(itaku_db.string()),
                                         itaku::bench::summarise_sqlite(baseline_db.string()));
      });

  // 2. PostgreSQL import.
  std::optional<ImportComparison> postgresql;
  std::optional<PostgresqlDatabases> databases;
  const std::string prefix = "itaku_registry_bench_" + std::to_string(::getpid());
  std::string itaku_pg_url;
  if (!options.pg_url.empty()) {
    databases.emplace(options.pg_url, work);
    itaku_pg_url = with_database(options.pg_url, prefix + "_itaku");
    const std::string baseline_url = with_database(options.pg_url, prefix + "_copy");
    postgresql = compare_imports(
        options, work, "PostgreSQL", {itaku, "import", records.string(), "--db", itaku_pg_url, "--actor", kActor},
        {self, "--baseline-postgresql", records.string(), baseline_url},
        [&] {
          databases->fresh(prefix + "_itaku");
          databases->fresh(prefix + "_copy");
        },
        [&] {
          return itaku::bench::differences(itaku::bench::summarise_postgresql(itaku_pg_url),
                                           itaku::bench::summarise_postgresql(baseline_url));
        });
  }

  // 3. Review of the imported engagements against review of the file.
  const fs::path report = work / "report.jsonl";
  const fs::path review_errors = work / "review.err";
  auto review = [&](const std::string& what, std::vector<std::string> args) {
    for (const char* arg : {"--format", "jsonl", "--as-of", kAsOf, "--fail-on", "never"}) args.emplace_back(arg);
    args.insert(args.end(), {"--output", report.string()});
    const Measurement measured = itaku::bench::best_of(options.repeat, args, {"/dev/null", review_errors.string()});
    require_success(measured, what, review_errors);
    return measured;
  };
  const Measurement file_single =
      review("itaku review FILE --jobs 1", {itaku, "review", records.string(), "--jobs", "1"});
  const Measurement file_default = review("itaku review FILE", {itaku, "review", records.string()});
  const Measurement registry_sqlite =
      review("itaku review --registry (SQLite)", {itaku, "review", "--registry", "--db", itaku_db.string()});
  std::optional<Measurement> registry_postgresql;
  std::optional<Measurement> registry_postgresql_analyzed;
  if (postgresql) {
    registry_postgresql =
        review("itaku review --registry (PostgreSQL)", {itaku, "review", "--registry", "--db", itaku_pg_url});
    // Right after the import the planner has no statistics (autovacuum has not run yet); the
    // second review shows what they are worth.
    databases->analyze(itaku_pg_url);
    registry_postgresql_analyzed =
        review("itaku review --registry (PostgreSQL)", {itaku, "review", "--registry", "--db", itaku_pg_url});
  }

  // 4. Start-up on a small registry.
  const fs::path small_db = work / "small.db";
  const fs::path startup_errors = work / "startup.err";
  {
    const Measurement imported =
        itaku::bench::run_child({itaku, "import", ITAKU_EXAMPLE_RECORDS, "--db", small_db.string(), "--actor", kActor},
                                {"/dev/null", startup_errors.string()});
    require_success(imported, "itaku import of the example records", startup_errors);
  }
  // Every kind of command a person types on a small registry: the plain start, reading one
  // engagement, the monthly work list, an export, an audit check, a person list and a review.
  struct StartupCommand {
    std::string label;
    std::vector<std::string> argv;
    std::string target = "<= 2";
  };
  const std::string db = small_db.string();
  const std::vector<StartupCommand> startup_commands = {
      {"sqlite3 SMALL.db \"SELECT COUNT(*) FROM engagements\"",
       {"sqlite3", db, "SELECT COUNT(*) FROM engagements"}},
      {"itaku --version", {itaku, "--version"}, ""},
      {"itaku show EX-001 --db SMALL.db", {itaku, "show", "EX-001", "--db", db}},
      {std::string("itaku due --within 30 --as-of ") + kAsOf + " --db SMALL.db",
       {itaku, "due", "--within", "30", "--as-of", kAsOf, "--db", db}},
      {"itaku export --db SMALL.db (JSON Lines)", {itaku, "export", "--db", db}},
      {"itaku export --format csv --db SMALL.db", {itaku, "export", "--format", "csv", "--db", db}},
      {"itaku audit verify --db SMALL.db", {itaku, "audit", "verify", "--db", db}},
      {"itaku person list --db SMALL.db", {itaku, "person", "list", "--db", db}},
      {"itaku review --registry --db SMALL.db (whole run)",
       {itaku, "review", "--registry", "--db", db, "--format", "jsonl", "--output", "/dev/null", "--as-of", kAsOf,
        "--fail-on", "never"}},
  };
  // Round-robin, best of S each: a busy moment of the machine slows one run of every command
  // rather than all runs of one.
  std::vector<Measurement> startup(startup_commands.size());
  for (int run = 0; run < options.startup_runs; ++run) {
    for (std::size_t i = 0; i < startup_commands.size(); ++i) {
      const Measurement measured =
          itaku::bench::run_child(startup_commands[i].argv, {"/dev/null", startup_errors.string()});
      require_success(measured, startup_commands[i].label, startup_errors);
      if (run == 0 || measured.seconds < startup[i].seconds) startup[i] = measured;
    }
  }

  if (databases && !options.keep) databases->drop_all();
  if (options.keep) {
    std::printf("kept: %s%s\n", work.c_str(),
                databases ? (" and databases " + prefix + "_itaku, " + prefix + "_copy").c_str() : "");
  } else {
    fs::remove_all(work);
  }

  Report table(options.records);
  table.heading("1. Import of the records into a fresh SQLite file (WAL, synchronous=NORMAL)");
  table.columns();
  table.row("baseline: C API prepared inserts, same rows", sqlite.baseline);
  table.row("itaku import FILE --db FILE.db", sqlite.itaku, ratio_text(sqlite.median_ratio()), ">= 0.5");
  print_runs(sqlite);
  print_check("SQLite", sqlite.differences);
  if (postgresql) {
    table.heading("2. Import into a fresh PostgreSQL database on the --pg-url server");
    table.columns();
    table.row("baseline: libpq COPY FROM STDIN, same rows", postgresql->baseline);
    table.row("itaku import FILE --db postgresql://…", postgresql->itaku, ratio_text(postgresql->median_ratio()),
              ">= 0.5");
    print_runs(*postgresql);
    print_check("PostgreSQL", postgresql->differences);
  } else {
    table.heading("2. PostgreSQL import: skipped (give --pg-url URL or set ITAKU_TEST_PG_URL)");
  }
  table.heading(std::string("3. Review of the ") + std::to_string(options.records) + " engagements as of " + kAsOf +
                " (--format jsonl)");
  table.columns();
  table.row("itaku review FILE --jobs 1", file_single);
  table.row("itaku review FILE (default jobs)", file_default);
  table.row("itaku review --registry --db FILE.db", registry_sqlite, speed_ratio(registry_sqlite, file_single),
            ">= 0.7");
  table.row("  the same, compared with the file's default jobs", registry_sqlite,
            speed_ratio(registry_sqlite, file_default));
  if (registry_postgresql) {
    table.row("itaku review --registry --db postgresql://…", *registry_postgresql,
              speed_ratio(*registry_postgresql, file_single));
    table.row("  the same after ANALYZE", *registry_postgresql_analyzed,
              speed_ratio(*registry_postgresql_analyzed, file_single));
  }
  table.heading("4. Start-up on a registry of the 25 example records");
  std::printf("  %-52s %10s %9s %7s %8s\n", "", "ms", "peak MiB", "ratio", "target");
  const Measurement& sqlite_shell = startup.front();
  table.startup_row(startup_commands.front().label, sqlite_shell);
  for (std::size_t i = 1; i < startup_commands.size(); ++i) {
    table.startup_row(startup_commands[i].label, startup[i], ratio_text(startup[i].seconds / sqlite_shell.seconds),
                      startup_commands[i].target);
  }

  std::printf(R"(
What the rows mean:
  records/s   N records / wall seconds of the process, spawn to exit (files and databases are
              created fresh before each import run, outside the timing).
  CPU s       user + system time of that process alone (wait4); well below "seconds" means it
              waited, e.g. on PostgreSQL round trips (the server's own time is not counted).
  peak MiB    peak resident memory of that process (ru_maxrss).
  ratio       1-2: itaku records/s / baseline records/s.  3: registry review records/s / file
              review records/s.  4: itaku time / sqlite3 shell time.
  baselines   this program re-executed: read the same JSON Lines file, nlohmann::json::parse each
              line, no validation, and write the rows itaku writes for a record (engagement, shared
              vendor / certification / person rows, clauses, verifications, one audit_log entry with
              the JSON after-image and a SHA-256 chain via libsodium) to tables created from
              core/src/registry/migrations/*.sql. SQLite: prepared INSERTs in one transaction.
              PostgreSQL: COPY FROM STDIN per table, %d records per round, one transaction.
  review      --format jsonl --output FILE --as-of %s --fail-on never; the registry reviews read
              the engagements itaku imported in 1 and 2 (PostgreSQL: first straight after the import,
              as a user would, then again after ANALYZE gave the planner statistics).
)",
              itaku::bench::kCopyBatchRecords, kAsOf);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (!args.empty() && args[0] == itaku::bench::kMeasureFlag) {
      return itaku::bench::measure_main({args.begin() + 1, args.end()});
    }
    if (args.size() == 3 && args[0] == "--generate") {
      std::ofstream out(args[1], std::ios::binary);
      itaku::bench::write_synthetic_records(out, std::stoul(args[2]));
      return out ? 0 : 1;
    }
    if (args.size() == 3 && args[0] == "--baseline-sqlite") {
      itaku::bench::load_sqlite_baseline(args[1], args[2], ITAKU_MIGRATIONS_DIR, kActor);
      return 0;
    }
    if (args.size() == 3 && args[0] == "--baseline-postgresql") {
      itaku::bench::load_postgresql_baseline(args[1], args[2], ITAKU_MIGRATIONS_DIR, kActor);
      return 0;
    }
    return run_benchmark(parse_options(args));
  } catch (const std::exception& error) {
    std::cerr << "registry_bench: " << error.what() << "\n";
    return 3;
  }
}

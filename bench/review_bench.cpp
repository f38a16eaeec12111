// review_bench: how much does `itaku review` cost over merely parsing the same JSON Lines?
//
//   review_bench [--records N] [--repeat R] [--itaku PATH] [--jobs J]
//   review_bench --generate FILE N      only write the synthetic records (for profiling)
//
// Generates N synthetic records (~1 KB each), then times, in the same run and as separate
// processes so that peak memory is each one's own:
//   baseline  this program re-executed as `--parse-only FILE`: getline + nlohmann::json::parse
//   review    itaku review FILE --format jsonl --output FILE.out, single-threaded (--jobs 1)
//             and with J workers (default: one per core)
// Each is run R times; the best wall time counts (least disturbed by the machine).
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "record_generator.hpp"

extern char** environ;

namespace {

namespace fs = std::filesystem;

struct Measurement {
  double seconds = 0;
  long peak_rss_kib = 0;
  int exit_code = -1;
};

Measurement run_process(const std::vector<std::string>& args) {
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const auto start = std::chrono::steady_clock::now();
  // The children's own output would interleave with the table.
  posix_spawn_file_actions_t quiet;
  posix_spawn_file_actions_init(&quiet);
  posix_spawn_file_actions_addopen(&quiet, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&quiet, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, argv[0], &quiet, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&quiet);
  if (spawned != 0) {
    std::cerr << "cannot start " << args[0] << "\n";
    std::exit(3);
  }
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  Measurement m;
  m.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  m.peak_rss_kib = usage.ru_maxrss;
  m.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return m;
}

Measurement best_of(int repeat, const std::vector<std::string>& args) {
  Measurement best;
  for (int i = 0; i < repeat; ++i) {
    const Measurement m = run_process(args);
    if (i == 0 || m.seconds < best.seconds) best = m;
  }
  return best;
}

// The baseline's whole job: read each line and parse it, nothing else.
int parse_only(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  std::string line;
  std::size_t records = 0, keys = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const auto record = nlohmann::json::parse(line);
    keys += record.size();
    ++records;
  }
  // Printed so that the parse cannot be optimised away.
  std::printf("%zu records, %zu keys\n", records, keys);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() == 2 && args[0] == "--parse-only") return parse_only(args[1]);
  if (args.size() == 3 && args[0] == "--generate") {  // for profiling: write the records and stop
    std::ofstream out(args[1], std::ios::binary);
    itaku::bench::write_synthetic_records(out, std::stoul(args[2]));
    return out ? 0 : 1;
  }

  std::size_t records = 100000;
  int repeat = 3;
  std::string itaku = ITAKU_EXECUTABLE;
  unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
  for (std::size_t i = 0; i + 1 < args.size(); i += 2) {
    if (args[i] == "--records") records = std::stoul(args[i + 1]);
    else if (args[i] == "--repeat") repeat = std::stoi(args[i + 1]);
    else if (args[i] == "--itaku") itaku = args[i + 1];
    else if (args[i] == "--jobs") jobs = static_cast<unsigned>(std::stoul(args[i + 1]));
    else {
      std::cerr << "usage: review_bench [--records N] [--repeat R] [--itaku PATH] [--jobs J]\n";
      return 2;
    }
  }

  const fs::path dir = fs::temp_directory_path() / ("itaku-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path input = dir / "records.jsonl";
  std::size_t bytes = 0;
  {
    std::ofstream out(input, std::ios::binary);
    bytes = itaku::bench::write_synthetic_records(out, records);
  }
  const std::string self = fs::canonical("/proc/self/exe").string();

  const Measurement parse = best_of(repeat, {self, "--parse-only", input.string()});
  auto review_with = [&](unsigned workers) {
    return best_of(repeat, {itaku, "review", input.string(), "--format", "jsonl", "--output",
                            (dir / "report.jsonl").string(), "--as-of", "2025-06-01", "--fail-on", "never", "--jobs",
                            std::to_string(workers)});
  };
  const Measurement single = review_with(1);
  const Measurement parallel = review_with(jobs);
  fs::remove_all(dir);

  for (const Measurement* m : {&parse, &single, &parallel}) {
    if (m->exit_code != 0) {
      std::cerr << "a run failed with exit code " << m->exit_code << "\n";
      return 1;
    }
  }
  auto row = [&](const std::string& label, const Measurement& m) {
    std::printf("%-36s %11.0f %9.3f %13.1f %8.2f\n", label.c_str(), static_cast<double>(records) / m.seconds,
                m.seconds, static_cast<double>(m.peak_rss_kib) / 1024, m.seconds / parse.seconds);
  };
  std::printf("records: %zu (%.0f bytes each on average), best of %d runs, %u cores\n", records,
              static_cast<double>(bytes) / static_cast<double>(records), repeat, std::thread::hardware_concurrency());
  std::printf("%-36s %11s %9s %13s %8s\n", "", "records/s", "seconds", "peak RSS MiB", "ratio");
  row("baseline: nlohmann parse only", parse);
  row("itaku review --jobs 1", single);
  row("itaku review --jobs " + std::to_string(jobs), parallel);
  std::printf("ratio = time / baseline time (target: <= 2.5)\n");
  return 0;
}

#include "commands/review_command.hpp"

#include <algorithm>
#include <chrono>
#include <thread>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <unistd.h>

#include "app/registry_command_options.hpp"
#include "app/exit_codes.hpp"
#include "app/output_file.hpp"
#include "app/composition.hpp"
#include "app/default_jobs.hpp"
#include "itaku/schema/schemas.hpp"
#include "itaku/service/review_service.hpp"

namespace itaku::cli {
namespace {

struct ReviewOptions {
  std::vector<std::string> files;
  std::string as_of;
  std::string format = "json";
  std::string output;
  std::string fail_on = "reject";
  std::string lang = "ja";
  std::string plugin_dir;
  unsigned jobs = default_jobs();
  bool registry = false;  // review the stored engagements instead of files
  std::string db;
  std::string kind;
  std::string department;
};

// A progress line on a terminal, at most a few times a second; nothing when stderr is a file.
// `shown` tells afterwards whether a line was printed (and so needs ending).
ReviewService::Progress progress_printer(bool& shown) {
  if (!::isatty(STDERR_FILENO)) return {};
  auto started = std::chrono::steady_clock::now();
  auto last = started;
  return [started, last, &shown](std::size_t done) mutable {
    const auto now = std::chrono::steady_clock::now();
    if (now - last < std::chrono::milliseconds(250)) return;
    last = now;
    shown = true;
    const double seconds = std::chrono::duration<double>(now - started).count();
    std::cerr << "\r" << done << " records (" << static_cast<long>(seconds > 0 ? done / seconds : 0) << "/s)   "
              << std::flush;
  };
}

// Whether any decision reached the --fail-on threshold, from the summary's counts.
bool fail_on_reached(const ReviewSummary& summary, const std::string& fail_on) {
  if (fail_on == "never") return false;
  if (fail_on == "conditional") return summary.reject + summary.conditional > 0;
  return summary.reject > 0;
}

int fail(const Status& status) {
  std::cerr << "itaku review: " << (status.path().empty() ? "" : status.path() + ": ") << status.message() << "\n";
  return exit_code_for(status.code());
}

// What the report must not be written over: the files reviewed, and the registry (also in a
// file review, where --db or ITAKU_DB may still name one a clerk would not want to lose).
std::vector<std::string> protected_files(const ReviewOptions& options) {
  std::vector<std::string> files = options.files;
  for (std::string& file : database_files(database_location(options.db, DatabaseUse::kExistingOnly))) {
    files.push_back(std::move(file));
  }
  return files;
}

int run_review(const ReviewOptions& options) {
  Date as_of = Date::today();
  if (!options.as_of.empty()) {
    auto parsed = Date::parse(options.as_of);
    if (!parsed) {
      return fail(Status(ErrorCode::kInvalidArgument, "expected a real date YYYY-MM-DD, got '" + options.as_of + "'",
                         "--as-of"));
    }
    as_of = *parsed;
  }
  auto format = parse_report_format(options.format);
  if (!format) return fail(Status(format.status().code(), format.status().message(), "--format"));
  if (*format == ReportFormat::kXlsx) {
    if (Status allowed = binary_output_allowed(options.output, options.format); !allowed) return fail(allowed);
  }
  if (options.registry != options.files.empty()) {
    return fail(Status(ErrorCode::kInvalidArgument,
                       options.registry ? "give either files or --registry, not both" : "give files to review, or --registry",
                       options.registry ? "--registry" : "files"));
  }
  auto composition = options.registry ? compose_registry(options.plugin_dir, options.db, DatabaseUse::kExistingOnly) : compose_review(options.plugin_dir);
  if (!composition) return fail(composition.status());
  const ReviewService& service = *(*composition)->review;

  std::vector<std::unique_ptr<RecordSource>> sources;
  if (!options.registry) {
    const FieldTypes csv_types = field_types_for((*composition)->plugins);
    for (const auto& file : options.files) {
      auto source = open_record_source(file, csv_types);
      if (source) {
        sources.push_back(std::move(source).value());
      } else {
        // Told now on the terminal, and reported in the input's place in the report.
        std::cerr << "itaku review: " << file << ": " << source.status().message() << "\n";
        sources.push_back(make_failed_source(file, source.status()));
      }
    }
  }

  auto output = OutputFile::open(options.output, protected_files(options));
  if (!output) return fail(output.status());
  auto sink = make_report_writer(*format, output->stream(), options.lang);

  ReviewSummary summary;
  if (options.registry) {
    EngagementFilter filter;
    if (!options.kind.empty()) filter.kind = options.kind;
    if (!options.department.empty()) filter.department = options.department;
    auto reviewed = (*composition)->registry_service->review_registry(filter, *sink, as_of);
    if (!reviewed) return fail(reviewed.status());
    summary = *reviewed;
  } else {
    bool progress_shown = false;
    summary = service.review_all(sources, *sink, as_of, {options.jobs, progress_printer(progress_shown)});
    if (progress_shown) std::cerr << "\n";
  }
  if (Status committed = output->commit(); !committed) return fail(committed);
  if (!options.output.empty()) {
    std::cerr << "itaku review: " << summary.reviewed << " reviewed, " << summary.invalid << " invalid (approve "
              << summary.approve << ", conditional " << summary.conditional << ", reject " << summary.reject
              << ") -> " << options.output << "\n";
  }
  if (summary.internal_errors > 0) return kExitInternal;
  if (summary.invalid > 0) return kExitBadInput;
  return fail_on_reached(summary, options.fail_on) ? kExitPolicy : kExitOk;
}

}  // namespace

void register_review_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ReviewOptions>();
  CLI::App* review = app.add_subcommand("review", "Review engagement records (JSON Lines, JSON, CSV; - for stdin)");
  review->add_option("files", options->files, "Input files: .jsonl, .json, .csv, or - for JSON Lines on stdin");
  review->add_flag("--registry", options->registry, "Review the engagements stored in the registry instead of files");
  review->add_option("--db", options->db, "Registry database: a SQLite file or a postgresql:// URL (default: $ITAKU_DB, "
                                          "else ~/.local/share/itaku/itaku.db)")
      ->check(database_option_check());
  review->add_option("--kind", options->kind, "With --registry: only this kind")
      ->check(CLI::IsMember({"contractor", "cloud", "social_media"}));
  review->add_option("--department", options->department, "With --registry: only this department (所管課)");
  review->add_option("--as-of", options->as_of, "Review date YYYY-MM-DD (default: today, local time)");
  review->add_option("--format", options->format, "Report format (xlsx: an Excel workbook, needs -o FILE on a terminal)")
      ->check(CLI::IsMember({"json", "jsonl", "csv", "md", "html", "xlsx"}))
      ->capture_default_str();
  review->add_option("-o,--output", options->output, "Write the report to this file (default: stdout)");
  review->add_option("--fail-on", options->fail_on, "Exit 1 when any decision is at or above this")
      ->check(CLI::IsMember({"reject", "conditional", "never"}))
      ->capture_default_str();
  review->add_option("--lang", options->lang, "Language of csv, md, html and xlsx reports")
      ->check(CLI::IsMember({"ja", "en"}))
      ->capture_default_str();
  review->add_option("--plugin-dir", options->plugin_dir,
                     "Load plugins from this directory (default: $ITAKU_PLUGIN_PATH, else beside the executable)");
  review->add_option("-j,--jobs", options->jobs, "Worker threads (default: one per core, at most 8)")
      ->check(CLI::Range(1u, 64u))
      ->capture_default_str();
  review->callback([options, &exit_code] { exit_code = run_review(*options); });
}

}  // namespace itaku::cli

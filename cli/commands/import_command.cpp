#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/registry_command_options.hpp"
#include "app/composition.hpp"
#include "app/default_jobs.hpp"
#include "app/exit_codes.hpp"
#include "commands/registry_commands.hpp"
#include "itaku/report/report_json.hpp"
#include "itaku/schema/schemas.hpp"

namespace itaku::cli {
namespace {

struct ImportCommandOptions {
  std::vector<std::string> files;
  bool skip_invalid = false;
  bool dry_run = false;
  unsigned jobs = default_jobs();
  std::string actor;
  std::string db;
  std::string plugin_dir;
  std::string format = "text";
};

const char* outcome_word(UpsertOutcome outcome) {
  return outcome == UpsertOutcome::kCreated ? "create" : outcome == UpsertOutcome::kUpdated ? "update" : "unchanged";
}

void print_text(const ImportReport& report, const ImportCommandOptions& options, const std::string& db) {
  for (const auto& error : report.errors) {
    // file:line:column where the field's place is known (an editor jumps there), else file:record.
    std::cout << error.source << ":"
              << (error.line > 0 ? std::to_string(error.line) + ":" + std::to_string(error.column) : std::to_string(error.record))
              << ": " << (error.ref ? *error.ref + ": " : "")
              << (error.path.empty() ? "" : error.path + ": ")
              << (error.message_ja.empty() ? error.message : error.message_ja + " / " + error.message) << "\n";
  }
  if (options.dry_run) {
    for (const auto& change : report.changes) std::cout << "would " << outcome_word(change.outcome) << " " << change.ref << "\n";
  }
  for (const auto& [ref, conflict] : report.vendor_conflicts) {
    std::cout << ref << ": 法人番号 " << conflict.corporate_number << " の登録名「" << conflict.registered_name
              << "」を保ちました（記録の名称は「" << conflict.given_name << "」） / kept the registered name '"
              << conflict.registered_name << "' of 法人番号 " << conflict.corporate_number << " (the record says '"
              << conflict.given_name << "'); to rename: itaku vendor rename " << conflict.corporate_number << " NAME\n";
  }
  if (report.written) {
    std::cout << "imported into " << db << ": " << report.records << " records, " << report.created << " created, "
              << report.updated << " updated, " << report.unchanged << " unchanged, " << report.invalid << " invalid";
  } else {
    // Nothing was written: the counts are what the import would have done with the valid records.
    std::cout << "登録簿は変更していません / nothing written to " << db << ": " << report.records << " records, "
              << report.invalid << " invalid; the valid ones would have been " << report.created << " created, "
              << report.updated << " updated, " << report.unchanged << " unchanged";
  }
  if (!report.vendor_conflicts.empty()) {
    std::cout << ", " << report.vendor_conflicts.size() << " vendor name conflict"
              << (report.vendor_conflicts.size() == 1 ? "" : "s");
  }
  if (!report.written && report.invalid > 0 && !options.skip_invalid) {
    std::cout << " (fix the invalid records, or use --skip-invalid to import the valid ones)";
  } else if (options.dry_run) {
    std::cout << " (dry run)";
  }
  std::cout << "\n";
}

void print_json(const ImportReport& report, const std::string& db) {
  nlohmann::ordered_json changes = nlohmann::ordered_json::array();
  for (const auto& change : report.changes) changes.push_back({{"ref", change.ref}, {"action", outcome_word(change.outcome)}});
  nlohmann::ordered_json errors = nlohmann::ordered_json::array();
  for (const auto& error : report.errors) errors.push_back(nlohmann::ordered_json(error));
  nlohmann::ordered_json conflicts = nlohmann::ordered_json::array();
  for (const auto& [ref, conflict] : report.vendor_conflicts) {
    conflicts.push_back({{"ref", ref},
                         {"corporate_number", conflict.corporate_number},
                         {"registered_name", conflict.registered_name},
                         {"given_name", conflict.given_name}});
  }
  const nlohmann::ordered_json document = {{"database", db},          {"written", report.written},
                                           {"records", report.records}, {"created", report.created},
                                           {"updated", report.updated}, {"unchanged", report.unchanged},
                                           {"invalid", report.invalid}, {"changes", changes},
                                           {"vendor_conflicts", conflicts}, {"errors", errors}};
  std::cout << document.dump(2) << "\n";
}

int run_import(const ImportCommandOptions& options) {
  // A dry run writes nothing, not even a new empty database.
  auto composition = compose_registry(options.plugin_dir, options.db,
                                      options.dry_run ? DatabaseUse::kExistingOnly : DatabaseUse::kMayCreate);
  if (!composition) {
    std::cerr << "itaku import: " << composition.status().message() << "\n";
    return exit_code_for(composition.status().code());
  }
  const FieldTypes csv_types = field_types_for((*composition)->plugins);
  std::vector<std::unique_ptr<RecordSource>> sources;
  for (const auto& file : options.files) {
    auto source = open_record_source(file, csv_types);
    sources.push_back(source ? std::move(source).value() : make_failed_source(file, source.status()));
  }
  ImportOptions import_options{options.skip_invalid, options.dry_run, options.actor, options.jobs};
  auto report = (*composition)->registry_service->import_records(sources, import_options);
  if (!report) {
    std::cerr << "itaku import: " << report.status().message() << "\n";
    return exit_code_for(report.status().code());
  }
  const std::string db = (*composition)->registry->describe();
  if (options.format == "json") {
    print_json(*report, db);
  } else {
    print_text(*report, options, db);
  }
  return report->invalid > 0 ? kExitBadInput : kExitOk;
}

}  // namespace

void register_import_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ImportCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "import", "Validate records and store them in the registry (upsert by ref, all or nothing)");
  command->add_option("files", options->files, "Input files: .jsonl, .json, .csv, or - for JSON Lines on stdin")
      ->required();
  command->add_flag("--skip-invalid", options->skip_invalid, "Store the valid records even if others are invalid");
  command->add_flag("--dry-run", options->dry_run, "Show what would change, write nothing");
  command->add_option("--actor", options->actor, "Name recorded in the audit trail (default: the OS user)");
  command->add_option("-j,--jobs", options->jobs, "Threads checking records while one writes (default: one per core, at most 8)")
      ->check(CLI::Range(1u, 64u));
  command->add_option("--db", options->db, "Registry database: a SQLite file or a postgresql:// URL (default: "
                                           "$ITAKU_DB, else ~/.local/share/itaku/itaku.db)")
      ->check(database_option_check());
  command->add_option("--plugin-dir", options->plugin_dir, "Load plugins from this directory");
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->callback([options, &exit_code] { exit_code = run_import(*options); });
}

}  // namespace itaku::cli

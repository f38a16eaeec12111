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
#include "itaku/io/ledger.hpp"
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
  std::string mapping;
  std::string sheet;
};

// A ledger being imported, and what its reading found, for the summary.
struct LedgerInput {
  std::string file;
  const LedgerSource* source = nullptr;  // owned by the import's source list
};

const char* outcome_word(UpsertOutcome outcome) {
  return outcome == UpsertOutcome::kCreated ? "create" : outcome == UpsertOutcome::kUpdated ? "update" : "unchanged";
}

// Before the problems: how each ledger was read, and which of its columns go under `ledger`.
void print_ledger_reading(const std::vector<LedgerInput>& ledgers) {
  for (const auto& ledger : ledgers) {
    const LedgerReadInfo& info = ledger.source->info();
    std::cout << ledger.file << ": "
              << (info.sheet.empty() ? info.encoding + " として読みました" : "シート「" + info.sheet + "」を読みました")
              << "（見出しは " << info.header_row << " 行目） / read "
              << (info.sheet.empty() ? "as " + info.encoding : "sheet '" + info.sheet + "'") << ", header in row "
              << info.header_row << "\n";
    if (!info.ledger_columns.empty()) {
      std::string listed;
      for (const auto& column : info.ledger_columns) listed += (listed.empty() ? "" : ", ") + column;
      std::cout << ledger.file << ": 記録の項目に対応付けていない " << info.ledger_columns.size()
                << " 列は ledger に文字のまま残します / " << info.ledger_columns.size()
                << " columns mapped to no field are kept as text under ledger: " << listed << "\n";
    }
    if (!info.ignored_columns.empty()) {
      std::string listed;
      for (const auto& column : info.ignored_columns) listed += (listed.empty() ? "" : ", ") + column;
      std::cout << ledger.file << ": 取り込まない列 / columns dropped (null in the mapping): " << listed << "\n";
    }
  }
}

// After the problems: rows set aside as not records, each with its row number and text.
void print_skipped_rows(const std::vector<LedgerInput>& ledgers) {
  for (const auto& ledger : ledgers) {
    for (const auto& row : ledger.source->info().skipped) {
      std::cout << ledger.file << ":" << row.row << ": 読み飛ばしました（" << row.why_ja << "） / skipped (" << row.why_en
                << "): " << row.text << "\n";
    }
  }
}

void print_text(const ImportReport& report, const ImportCommandOptions& options, const std::string& db,
                const std::vector<LedgerInput>& ledgers) {
  print_ledger_reading(ledgers);
  for (const auto& error : report.errors) {
    // file:line:column where the field's place is known (an editor jumps there), else file:record
    // (a ledger's row number as the spreadsheet shows it), then the ledger column and its cell.
    std::cout << error.source << ":"
              << (error.line > 0 ? std::to_string(error.line) + ":" + std::to_string(error.column) : std::to_string(error.record))
              << ": " << (error.ref ? *error.ref + ": " : "")
              << (error.ledger_column.empty() ? "" : "列「" + error.ledger_column + "」の値「" + error.cell + "」 ")
              << (error.path.empty() ? "" : error.path + ": ")
              << (error.message_ja.empty() ? error.message : error.message_ja + " / " + error.message) << "\n";
  }
  print_skipped_rows(ledgers);
  if (options.dry_run) {
    for (const auto& change : report.changes) std::cout << "would " << outcome_word(change.outcome) << " " << change.ref << "\n";
    if (!report.would_store.empty()) std::cout << "最初の記録（登録される形） / the first records as they would be stored:\n";
    for (const auto& record : report.would_store) std::cout << record.dump(2) << "\n";
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

nlohmann::ordered_json ledgers_json(const std::vector<LedgerInput>& ledgers) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const auto& ledger : ledgers) {
    const LedgerReadInfo& info = ledger.source->info();
    nlohmann::ordered_json skipped = nlohmann::ordered_json::array();
    for (const auto& row : info.skipped) {
      skipped.push_back({{"row", row.row}, {"why", row.why_en}, {"why_ja", row.why_ja}, {"text", row.text}});
    }
    nlohmann::ordered_json entry = {{"file", ledger.file}};
    if (!info.encoding.empty()) entry["encoding"] = info.encoding;
    if (!info.sheet.empty()) entry["sheet"] = info.sheet;
    entry["header_row"] = info.header_row;
    entry["ledger_columns"] = info.ledger_columns;
    entry["ignored_columns"] = info.ignored_columns;
    entry["skipped_rows"] = std::move(skipped);
    out.push_back(std::move(entry));
  }
  return out;
}

void print_json(const ImportReport& report, const std::string& db, const std::vector<LedgerInput>& ledgers) {
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
  nlohmann::ordered_json document = {{"database", db},          {"written", report.written},
                                           {"records", report.records}, {"created", report.created},
                                           {"updated", report.updated}, {"unchanged", report.unchanged},
                                           {"invalid", report.invalid}, {"changes", changes},
                                           {"vendor_conflicts", conflicts}, {"errors", errors},
                                           {"ledgers", ledgers_json(ledgers)}};
  if (!report.would_store.empty()) document["would_store"] = report.would_store;
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
  std::optional<LedgerMapping> mapping;
  if (!options.mapping.empty()) {
    auto read = read_ledger_mapping(options.mapping, csv_types);
    if (!read) {
      std::cerr << "itaku import: " << read.status().message() << "\n";
      return exit_code_for(read.status().code());
    }
    mapping = std::move(read).value();
  }
  std::vector<std::unique_ptr<RecordSource>> sources;
  std::vector<LedgerInput> ledgers;
  for (const auto& file : options.files) {
    if (mapping || is_workbook(file)) {
      auto ledger = open_ledger_source(file, mapping ? &*mapping : nullptr,
                                               options.sheet.empty() ? std::nullopt : std::optional(options.sheet), csv_types);
      if (!ledger) {
        // The columns are wrong for every row: say so once, before anything is read.
        std::cerr << "itaku import: " << ledger.status().message() << "\n";
        return exit_code_for(ledger.status().code());
      }
      ledgers.push_back({file, ledger->get()});
      sources.push_back(std::move(ledger).value());
      continue;
    }
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
    print_json(*report, db, ledgers);
  } else {
    print_text(*report, options, db, ledgers);
  }
  return report->invalid > 0 ? kExitBadInput : kExitOk;
}

}  // namespace

void register_import_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ImportCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "import", "Validate records and store them in the registry (upsert by ref, all or nothing)");
  command->add_option("files", options->files,
                      "Input files: .jsonl, .json, .csv, .xlsx (a register Itaku exported), or - for JSON Lines on stdin; "
                      "with --mapping, office ledgers (.csv in UTF-8 or Shift_JIS, .xlsx)")
      ->required();
  command->add_option("--mapping", options->mapping,
                      "MAP.json: how an office ledger's columns become record fields (docs/ledger.md)");
  command->add_option("--sheet", options->sheet, "The workbook's sheet to read (default: the first)");
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

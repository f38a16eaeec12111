#include <iostream>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "app/registry_command_options.hpp"
#include "app/composition.hpp"
#include "app/exit_codes.hpp"
#include "app/output_file.hpp"
#include "commands/registry_commands.hpp"
#include "itaku/schema/schemas.hpp"

namespace itaku::cli {
namespace {

struct ExportCommandOptions {
  std::string format = "jsonl";
  std::string kind;
  std::string department;
  std::string output;
  std::string db;
  std::string plugin_dir;
};

// Reads the records only to learn their ledger keys: a CSV's header names every column before
// the first row, so an export that carries ledgers (docs/ledger.md) reads the registry twice.
class LedgerKeys final : public RecordWriter {
 public:
  void write(const nlohmann::json& record) override {
    const auto ledger = record.find("ledger");
    if (ledger == record.end() || !ledger->is_object()) return;
    for (const auto& [key, text] : ledger->items()) {
      if (seen_.insert(key).second) keys_.push_back(key);
    }
  }
  void finish() override {}
  const std::vector<std::string>& keys() const { return keys_; }

 private:
  std::set<std::string> seen_;
  std::vector<std::string> keys_;
};

int run_export(const ExportCommandOptions& options) {
  auto fail = [](const Status& status) {
    std::cerr << "itaku export: " << status.message() << "\n";
    return exit_code_for(status.code());
  };
  auto format = parse_record_format(options.format);
  if (!format) return fail(format.status());
  // CSV and xlsx columns come from the plugins' section schemas; JSON Lines writes the records
  // as they are and starts without loading plugins or parsing schemas.
  const bool csv = *format == RecordFormat::kCsv || *format == RecordFormat::kXlsx;
  if (*format == RecordFormat::kXlsx) {
    if (Status allowed = binary_output_allowed(options.output, options.format); !allowed) return fail(allowed);
  }
  std::unique_ptr<Composition> with_plugins;
  std::unique_ptr<RecordsComposition> without_plugins;
  BasicRegistryService* service = nullptr;
  FieldTypes field_types;
  if (csv) {
    auto composition = compose_registry(options.plugin_dir, options.db, DatabaseUse::kExistingOnly);
    if (!composition) return fail(composition.status());
    with_plugins = std::move(composition).value();
    field_types = field_types_for(with_plugins->plugins);
    service = with_plugins->registry_service.get();
  } else {
    auto composition = compose_registry_only(options.db, DatabaseUse::kExistingOnly);
    if (!composition) return fail(composition.status());
    without_plugins = std::move(composition).value();
    service = without_plugins->records.get();
  }
  // The registry is what is read: a report written over its SQLite file would destroy it.
  auto output = OutputFile::open(options.output, database_files(database_location(options.db, DatabaseUse::kExistingOnly)));
  if (!output) return fail(output.status());
  EngagementFilter filter;
  if (!options.kind.empty()) filter.kind = options.kind;
  if (!options.department.empty()) filter.department = options.department;
  LedgerKeys ledger_keys;
  if (*format == RecordFormat::kCsv) {
    if (Status status = service->export_records(filter, ledger_keys); !status) return fail(status);
  }
  auto writer = make_record_writer(*format, output->stream(), field_types, ledger_keys.keys());
  if (Status status = service->export_records(filter, *writer); !status) return fail(status);
  if (Status committed = output->commit(); !committed) return fail(committed);
  return kExitOk;
}

}  // namespace

void register_export_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ExportCommandOptions>();
  CLI::App* command = app.add_subcommand("export", "Write the stored engagements as records that import back unchanged");
  command->add_option("--format", options->format,
                      "Record format (xlsx: a register workbook, needs -o FILE on a terminal)")
      ->check(CLI::IsMember({"jsonl", "csv", "xlsx"}))
      ->capture_default_str();
  command->add_option("--kind", options->kind, "Only this kind")->check(CLI::IsMember({"contractor", "cloud", "social_media"}));
  command->add_option("--department", options->department, "Only this department (所管課)");
  command->add_option("-o,--output", options->output, "Write to this file (default: stdout)");
  command->add_option("--db", options->db, "Registry database: a SQLite file or a postgresql:// URL")
      ->check(database_option_check());
  command->add_option("--plugin-dir", options->plugin_dir, "Load plugins from this directory");
  command->callback([options, &exit_code] { exit_code = run_export(*options); });
}

}  // namespace itaku::cli

// `itaku init [--db PATH]`: creates an empty registry on purpose. Reading commands never create
// one (a mistyped --db must not look like an empty registry), so this is how a new office starts
// without importing anything.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/composition.hpp"
#include "app/exit_codes.hpp"
#include "app/registry_command_options.hpp"
#include "commands/registry_commands.hpp"

namespace itaku::cli {
namespace {

int run_init(const RegistryCommandOptions& options) {
  const std::string location = database_location(options.db, DatabaseUse::kMayCreate);
  auto existing = Registry::open(location, Registry::OpenMode::kExistingOnly);
  bool created = false;
  if (!existing && existing.status().code() == ErrorCode::kNotFound) {
    existing = Registry::open(location, Registry::OpenMode::kCreateIfMissing);
    created = true;
  }
  if (!existing) return report_failure("init", existing.status());
  Registry& registry = **existing;
  if (options.format == "json") {
    std::cout << nlohmann::ordered_json{{"database", registry.describe()},
                                        {"created", created},
                                        {"schema_version", registry.schema_version()}}
                     .dump()
              << "\n";
  } else if (created) {
    std::cout << "登録簿を作成しました / created the registry: " << registry.describe() << " (schema version "
              << registry.schema_version() << ")\n";
  } else {
    std::cout << "登録簿は既にあります。何も変更していません / the registry exists already, nothing changed: "
              << registry.describe() << " (schema version " << registry.schema_version() << ")\n";
  }
  return kExitOk;
}

}  // namespace

void register_init_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<RegistryCommandOptions>();
  CLI::App* command = app.add_subcommand("init", "Create an empty registry database (nothing happens if it exists)");
  command->add_option("--db", options->db,
                      "Registry database: a SQLite file or a postgresql:// URL (default: $ITAKU_DB, else "
                      "~/.local/share/itaku/itaku.db)")
      ->check(database_option_check());
  command->add_option("--format", options->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  command->callback([options, &exit_code] { exit_code = run_init(*options); });
}

}  // namespace itaku::cli

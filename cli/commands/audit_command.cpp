#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/registry_command_options.hpp"
#include "app/composition.hpp"
#include "app/exit_codes.hpp"
#include "commands/registry_commands.hpp"

namespace itaku::cli {
namespace {

struct AuditCommandOptions {
  std::string ref;
  std::string format = "text";
  std::string db;
  std::string plugin_dir;
};

int fail(const std::string& command, const Status& status) {
  std::cerr << "itaku audit " << command << ": " << status.message() << "\n";
  return exit_code_for(status.code());
}

int run_log(const AuditCommandOptions& options) {
  auto composition = compose_registry_only(options.db, DatabaseUse::kExistingOnly);
  if (!composition) return fail("log", composition.status());
  const std::optional<std::string> ref = options.ref.empty() ? std::nullopt : std::optional(options.ref);
  Status status = (*composition)->registry_service->for_each_audit(ref, [&](const AuditEntry& entry) {
    if (options.format == "jsonl") {
      nlohmann::ordered_json line = {{"id", entry.id},         {"at", entry.at},
                                     {"actor", entry.actor},   {"action", entry.action},
                                     {"entity", entry.entity}, {"key", entry.entity_key}};
      line["before"] = entry.before_json.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(entry.before_json);
      line["after"] = entry.after_json.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json::parse(entry.after_json);
      line["hash"] = entry.hash;
      std::cout << line.dump() << "\n";
    } else {
      std::cout << entry.id << "  " << entry.at << "  " << entry.actor << "  " << entry.action << "  " << entry.entity
                << " " << entry.entity_key << "\n";
    }
  });
  if (!status) return fail("log", status);
  return kExitOk;
}

int run_verify(const AuditCommandOptions& options) {
  auto composition = compose_registry_only(options.db, DatabaseUse::kExistingOnly);
  if (!composition) return fail("verify", composition.status());
  auto verification = (*composition)->registry_service->verify_audit();
  if (!verification) return fail("verify", verification.status());
  if (verification->first_bad_entry) {
    std::cout << "監査証跡の改ざんを検出しました / the audit trail was altered: entry " << *verification->first_bad_entry
              << ": " << verification->problem << "\n";
    return kExitPolicy;
  }
  std::cout << "監査証跡は完全です / the audit trail is intact: " << verification->entries << " entries\n";
  return kExitOk;
}

}  // namespace

void register_audit_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<AuditCommandOptions>();
  CLI::App* audit = app.add_subcommand("audit", "Read and check the audit trail");
  audit->require_subcommand(1);
  audit->add_option("--db", options->db, "Registry database: a SQLite file or a postgresql:// URL")
      ->check(database_option_check());
  audit->add_option("--plugin-dir", options->plugin_dir, "Load plugins from this directory");
  CLI::App* log = audit->add_subcommand("log", "List the changes, oldest first (of one engagement when REF is given)");
  log->add_option("ref", options->ref, "Only changes of this engagement");
  log->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"text", "jsonl"}))->capture_default_str();
  log->fallthrough();  // --db and --plugin-dir may follow the subcommand
  log->callback([options, &exit_code] { exit_code = run_log(*options); });
  CLI::App* verify = audit->add_subcommand("verify", "Check that no entry was changed or deleted behind Itaku's back");
  verify->fallthrough();
  verify->callback([options, &exit_code] { exit_code = run_verify(*options); });
}

}  // namespace itaku::cli

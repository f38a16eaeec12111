#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "app/registry_command_options.hpp"
#include "app/composition.hpp"
#include "app/exit_codes.hpp"
#include "commands/registry_commands.hpp"
#include "itaku/service/json_views.hpp"

namespace itaku::cli {
namespace {

struct AuditCommandOptions {
  std::string ref;
  std::string head;  // COUNT:HASH for verify --head
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
  Status status = (*composition)->records->for_each_audit(ref, [&](const AuditEntry& entry) {
    if (options.format == "jsonl") {
      std::cout << audit_entry_view(entry).dump() << "\n";
    } else {
      std::cout << entry.id << "  " << entry.at << "  " << entry.actor << "  " << entry.action << "  " << entry.entity
                << " " << entry.entity_key << "\n";
    }
  });
  if (!status) return fail("log", status);
  return kExitOk;
}

int run_verify(const AuditCommandOptions& options) {
  std::optional<AuditAnchor> anchor;
  if (!options.head.empty()) {
    anchor = parse_audit_anchor(options.head);
    if (!anchor) {
      return fail("verify", Status(ErrorCode::kInvalidArgument,
                                   "--head は itaku audit head が出力した「件数:ハッシュ」です / --head is the "
                                   "COUNT:HASH that itaku audit head printed (got '" + options.head + "')",
                                   "--head"));
    }
  }
  auto composition = compose_registry_only(options.db, DatabaseUse::kExistingOnly);
  if (!composition) return fail("verify", composition.status());
  auto verification = (*composition)->records->verify_audit(anchor);
  if (!verification) return fail("verify", verification.status());
  if (verification->first_bad_entry) {
    std::cout << "監査証跡の改ざんを検出しました / the audit trail was altered: entry " << *verification->first_bad_entry
              << ": " << verification->problem << "\n";
    return kExitPolicy;
  }
  if (!verification->state_differences.empty()) {
    std::cout << "登録簿が監査証跡と一致しません（証跡を通さずに変更されています） / the registry differs from what the "
                 "audit trail says: changed behind Itaku's back ("
              << verification->state_differences.size() << "):\n";
    for (const auto& difference : verification->state_differences) std::cout << "  " << difference << "\n";
    return kExitPolicy;
  }
  std::cout << "監査証跡は完全で、登録簿はその記録どおりです / the audit trail is intact: " << verification->entries
            << " entries" << (anchor ? ", extending the head given" : "") << ", and the registry is what it says\n";
  return kExitOk;
}

int run_head(const AuditCommandOptions& options) {
  auto composition = compose_registry_only(options.db, DatabaseUse::kExistingOnly);
  if (!composition) return fail("head", composition.status());
  auto head = (*composition)->records->audit_head();
  if (!head) return fail("head", head.status());
  const std::string anchor = std::to_string(head->entries) + ":" + head->last_hash;
  if (options.format == "json") {
    std::cout << nlohmann::ordered_json{{"entries", head->entries}, {"last_id", head->last_id},
                                        {"hash", head->last_hash}, {"anchor", anchor}}
                     .dump()
              << "\n";
  } else {
    // Only the anchor on stdout, so that --head "$(itaku audit head)" works; the advice on stderr.
    std::cout << anchor << "\n";
    std::cerr << "# 監査証跡の現在の先頭です。登録簿の外（紙、メール、別のシステム）に控え、後で itaku audit verify --head "
                 "で照合してください / the trail's head: keep it outside the registry and check later with itaku "
                 "audit verify --head\n";
  }
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
  CLI::App* verify = audit->add_subcommand(
      "verify", "Check that no entry was changed or deleted behind Itaku's back and the registry is what the trail says");
  verify
      ->add_option("--head", options->head, "COUNT:HASH printed earlier by itaku audit head: the trail must still extend it")
      ->check(CLI::Validator(
          [](std::string& value) {
            return value.empty() ? std::string("--head is empty: give the COUNT:HASH itaku audit head printed") : std::string();
          },
          "", "anchor"));
  verify->fallthrough();
  verify->callback([options, &exit_code] { exit_code = run_verify(*options); });
  CLI::App* head = audit->add_subcommand("head", "Print the trail's head (COUNT:HASH) to keep outside the registry");
  head->add_option("--format", options->format, "Output format")->check(CLI::IsMember({"text", "json"}));
  head->fallthrough();
  head->callback([options, &exit_code] { exit_code = run_head(*options); });
}

}  // namespace itaku::cli

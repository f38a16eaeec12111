#include "app/registry_command_options.hpp"

#include "itaku/domain/finding.hpp"
#include "itaku/domain/verification.hpp"

namespace itaku::cli {

const CLI::Validator& database_option_check() {
  static const CLI::Validator check(
      [](std::string& value) {
        return value.empty() ? std::string("--db が空です。ファイルのパスか postgresql:// URL を指定してください / "
                                           "--db is empty: give a file path or a postgresql:// URL")
                             : std::string();
      },
      "", "database");
  return check;
}

void add_registry_options(CLI::App& command, RegistryCommandOptions& options, bool writes,
                          const std::vector<std::string>& formats) {
  command
      .add_option("--db", options.db,
                  "Registry database: a SQLite file or a postgresql:// URL (default: $ITAKU_DB, else "
                  "~/.local/share/itaku/itaku.db)")
      ->check(database_option_check());
  command.add_option("--plugin-dir", options.plugin_dir, "Load plugins from this directory");
  if (writes) command.add_option("--actor", options.actor, "Name recorded in the audit trail (default: the OS user)");
  command.add_option("--format", options.format, "Output format")
      ->check(CLI::IsMember(formats))
      ->capture_default_str();
}

int report_failure(const std::string& command, const Status& status) {
  std::cerr << "itaku " << command << ": " << (status.path().empty() ? "" : status.path() + ": ") << status.message()
            << "\n";
  return exit_code_for(status.code());
}

void print_result_text(std::ostream& out, const ReviewResult& result) {
  const LocalizedText decision = decision_label(result.decision);
  out << result.ref << "  " << result.title << "（" << result.department << "）\n"
      << "  判定 / decision: " << decision.ja << " / " << decision.en << "   リスク区分 / tier: " << result.tier
      << "   リスク / risk: " << (result.risk_level ? severity_label(*result.risk_level).ja : "なし") << "\n"
      << "  定期確認 / verification: " << verification_status_words(result.verification.status).ja << " / "
      << verification_status_words(result.verification.status).en << ", 次回期限 / next due "
      << result.verification.next_due.to_string() << " (" << result.verification.interval_months << " か月ごと)\n";
  if (result.findings.empty()) out << "  指摘事項なし / no findings\n";
  for (const auto& finding : result.findings) {
    out << "  [" << severity_label(finding.severity).ja << "] " << finding.id << "  " << finding.message.ja << "\n"
        << "        " << finding.message.en << "\n";
  }
}

}  // namespace itaku::cli

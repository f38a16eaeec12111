// The office's everyday commands on one engagement: show, assess, verify, clause, terminate;
// vendor certifications; and the monthly work list (due).
#include <iostream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "app/composition.hpp"
#include "app/registry_command_options.hpp"
#include "commands/workflow_commands.hpp"
#include "itaku/domain/engagement_json.hpp"
#include "itaku/report/due_list.hpp"
#include "itaku/report/report_json.hpp"
#include "itaku/service/json_views.hpp"

namespace itaku::cli {
namespace {

using nlohmann::ordered_json;

// Parses a --date style option; today when empty.
Result<Date> date_option(const std::string& text, const std::string& option) {
  if (text.empty()) return Date::today();
  auto date = Date::parse(text);
  if (!date) return Status(ErrorCode::kInvalidArgument, "expected a real date YYYY-MM-DD, got '" + text + "'", option);
  return *date;
}

// Runs `body` with the full service (plugins loaded) over the registry of `options`; failures
// become exit codes. Each of these reads or changes what is stored: none may start a registry.
template <typename Body>
int with_registry(const std::string& command, const RegistryCommandOptions& options, Body&& body) {
  auto composition = compose_registry(options.plugin_dir, options.db, DatabaseUse::kExistingOnly);
  if (!composition) return report_failure(command, composition.status());
  return body(*(*composition)->registry_service);
}

// The same with the service that needs no plugins: the command starts without loading them.
template <typename Body>
int with_records(const std::string& command, const RegistryCommandOptions& options, Body&& body) {
  auto composition = compose_registry_only(options.db, DatabaseUse::kExistingOnly);
  if (!composition) return report_failure(command, composition.status());
  return body(*(*composition)->records);
}

void print_engagement_change(const std::string& what, const Engagement& engagement, const std::string& format) {
  if (format == "json") {
    std::cout << engagement_record_view(engagement).dump(2) << "\n";
  } else {
    std::cout << what << ": " << engagement.ref << "  " << engagement.title << "\n";
  }
}

struct ShowOptions : RegistryCommandOptions {
  std::string ref;
  std::string as_of;
};

int run_show(const ShowOptions& options) {
  auto as_of = date_option(options.as_of, "--as-of");
  if (!as_of) return report_failure("show", as_of.status());
  return with_records("show", options, [&](BasicRegistryService& service) {
    auto details = service.show(options.ref, *as_of);
    if (!details) return report_failure("show", details.status());
    const Engagement& e = details->engagement;
    if (options.format == "json") {
      const ordered_json out = engagement_details_view(*details);
      std::cout << out.dump(2) << "\n";
      return kExitOk;
    }
    std::cout << e.ref << "  " << e.title << "（" << e.department << "） kind " << e.kind << "\n";
    if (e.responsible_person) {
      std::cout << "  責任者 / responsible: " << e.responsible_person->name << "（" << e.responsible_person->department
                << "）" << (e.responsible_person->is_active() ? "" : " ※無効 / inactive") << "\n";
    } else {
      std::cout << "  責任者 / responsible: 未指名 / none\n";
    }
    if (e.vendor) {
      std::cout << "  委託先 / vendor: " << e.vendor->name
                << (e.vendor->corporate_number ? " 法人番号 " + *e.vendor->corporate_number : "") << "\n";
      for (const auto& c : e.vendor->certifications) {
        std::cout << "    " << c.scheme << (c.number ? " " + *c.number : "") << " 有効期限 / valid until "
                  << c.valid_until.to_string() << (c.valid_until < *as_of ? "  ※期限切れ / expired" : "") << "\n";
      }
    }
    std::cout << "  期間 / period: " << e.period.start.to_string() << " – "
              << (e.period.end ? e.period.end->to_string() : std::string("")) << "\n";
    std::cout << "  契約条項 / clauses: ";
    for (const auto& clause : e.clauses) std::cout << clause << " ";
    std::cout << "\n";
    for (const auto& evidence : e.clause_evidence) std::cout << "    " << evidence.clause << ": " << evidence.note << "\n";
    const VerificationStatusWords status = verification_status_words(details->verification.status);
    std::cout << "  定期確認 / verifications (" << status.ja << " / " << status.en << ", 次回期限 / next due "
              << details->verification.next_due.to_string() << "):\n";
    // Numbered as `itaku verify REF --void N` takes them; a voided one stays listed.
    for (std::size_t i = 0; i < e.verifications.size(); ++i) {
      const Verification& v = e.verifications[i];
      std::cout << "    #" << i + 1 << " " << v.date.to_string() << " " << verification_result_name(v.result)
                << (v.verifier ? " " + *v.verifier : "") << (v.notes ? " — " + *v.notes : "") << "\n";
      if (v.voided) {
        std::cout << "       ※取消済み / voided " << v.voided->at << " by " << v.voided->by << ": " << v.voided->reason
                  << "\n";
      }
    }
    if (e.termination) {
      std::cout << "  終了 / terminated: 返却・廃棄確認日 / return confirmed " << e.termination->return_confirmed_on.to_string()
                << (e.termination->note ? " — " + *e.termination->note : "") << "\n";
    }
    if (!e.ledger.empty()) {
      std::cout << "  台帳の他の列 / ledger columns:\n";
      for (const auto& [header, text] : e.ledger) std::cout << "    " << header << ": " << text << "\n";
    }
    if (details->last_assessment) {
      const auto result = ordered_json::parse(details->last_assessment->result_json);
      std::cout << "  最新の評価 / last assessment: " << details->last_assessment->as_of.to_string() << " "
                << result.value("decision", "") << " by " << details->last_assessment->actor << " ("
                << details->last_assessment->plugin << " " << details->last_assessment->plugin_version << ")\n";
    } else {
      std::cout << "  最新の評価 / last assessment: なし / none (itaku assess " << e.ref << ")\n";
    }
    return kExitOk;
  });
}

struct AssessOptions : RegistryCommandOptions {
  std::string ref;
  std::string as_of;
};

int run_assess(const AssessOptions& options) {
  auto as_of = date_option(options.as_of, "--as-of");
  if (!as_of) return report_failure("assess", as_of.status());
  return with_registry("assess", options, [&](RegistryService& service) {
    auto assessed = service.assess(options.ref, *as_of, options.actor);
    if (!assessed) return report_failure("assess", assessed.status());
    if (options.format == "json") {
      std::cout << assessment_view(assessed->stored).dump(2) << "\n";
    } else {
      print_result_text(std::cout, assessed->review);
    }
    return assessed->review.decision == Decision::kReject ? kExitPolicy : kExitOk;
  });
}

struct VerifyOptions : RegistryCommandOptions {
  std::string ref;
  std::string result;
  std::string date;
  std::string verifier;
  std::string notes;
  std::string void_number;  // empty: record a verification
  std::string reason;
};

// "1", "2", ... as `show` numbers them: decimal digits only (CLI11 would read 010 as octal 8 and
// 0x1 as 1, and a void cannot be undone).
Result<std::size_t> verification_number(const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos || text[0] == '0') {
    return Status(ErrorCode::kInvalidArgument,
                  "確認記録の番号は itaku show の #1, #2 … の数字です（" + text + " は不可） / the number is one of "
                  "itaku show's #1, #2 … (not '" + text + "')",
                  "--void");
  }
  return static_cast<std::size_t>(std::stoul(text));
}

int run_void(const VerifyOptions& options) {
  if (!options.result.empty() || !options.date.empty() || !options.verifier.empty() || !options.notes.empty()) {
    return report_failure("verify", Status(ErrorCode::kInvalidArgument,
                                           "--void は記録を取り消すだけです（--result/--date/--verifier/--notes は不要） / "
                                           "--void only voids: give no --result, --date, --verifier or --notes",
                                           "--void"));
  }
  if (options.reason.empty()) {
    return report_failure("verify", Status(ErrorCode::kInvalidArgument,
                                           "取消の理由を --reason で指定してください / give the reason with --reason",
                                           "--reason"));
  }
  const auto number = verification_number(options.void_number);
  if (!number) return report_failure("verify", number.status());
  return with_records("verify", options, [&](BasicRegistryService& service) {
    auto changed = service.void_verification(options.ref, *number, options.reason, options.actor);
    if (!changed) return report_failure("verify", changed.status());
    print_engagement_change("確認記録 #" + std::to_string(*number) + " を取り消しました / verification #" +
                                std::to_string(*number) + " voided",
                            *changed, options.format);
    return kExitOk;
  });
}

int run_verify(const VerifyOptions& options) {
  if (!options.void_number.empty()) return run_void(options);
  if (!options.reason.empty()) {
    return report_failure("verify", Status(ErrorCode::kInvalidArgument,
                                           "--reason は --void と一緒に使います / --reason goes with --void", "--reason"));
  }
  for (const auto& [value, option] : {std::pair{&options.result, "--result"}, {&options.date, "--date"},
                                      {&options.verifier, "--verifier"}}) {
    if (value->empty()) {
      return report_failure("verify", Status(ErrorCode::kInvalidArgument,
                                             std::string(option) + " を指定してください / required: give " + option, option));
    }
  }
  auto date = date_option(options.date, "--date");
  if (!date) return report_failure("verify", date.status());
  Verification verification;
  verification.date = *date;
  // CLI11 admits only pass, conditional and fail.
  verification.result = parse_verification_result(options.result).value_or(VerificationResult::kPass);
  verification.verifier = options.verifier;
  if (!options.notes.empty()) verification.notes = options.notes;
  return with_registry("verify", options, [&](RegistryService& service) {
    auto changed = service.add_verification(options.ref, verification, options.actor);
    if (!changed) return report_failure("verify", changed.status());
    print_engagement_change("確認を記録しました / verification recorded", *changed, options.format);
    return kExitOk;
  });
}

struct ClauseOptions : RegistryCommandOptions {
  std::string ref;
  std::string clause;
  bool present = false;
  bool missing = false;
  std::string evidence;
};

int run_clause(const ClauseOptions& options) {
  if (options.present == options.missing) {
    return report_failure("clause", Status(ErrorCode::kInvalidArgument, "give exactly one of --present or --missing",
                                           "--present"));
  }
  return with_registry("clause", options, [&](RegistryService& service) {
    const std::optional<std::string> note = options.evidence.empty() ? std::nullopt : std::optional(options.evidence);
    auto changed = service.set_clause(options.ref, options.clause, options.present, note, options.actor);
    if (!changed) return report_failure("clause", changed.status());
    print_engagement_change("条項を記録しました / clause recorded", *changed, options.format);
    return kExitOk;
  });
}

struct TerminateOptions : RegistryCommandOptions {
  std::string ref;
  std::string confirmed;
  std::string note;
};

int run_terminate(const TerminateOptions& options) {
  auto confirmed = date_option(options.confirmed, "--return-confirmed");
  if (!confirmed) return report_failure("terminate", confirmed.status());
  Termination termination{*confirmed, options.note.empty() ? std::nullopt : std::optional(options.note)};
  return with_registry("terminate", options, [&](RegistryService& service) {
    auto changed = service.terminate(options.ref, termination, options.actor);
    if (!changed) return report_failure("terminate", changed.status());
    print_engagement_change("終了しました / terminated", *changed, options.format);
    return kExitOk;
  });
}

struct RenameOptions : RegistryCommandOptions {
  std::string corporate_number;
  std::string name;
};

// The one way a registered vendor's name changes: imports keep it and report a different one.
int run_rename(const RenameOptions& options) {
  return with_records("vendor rename", options, [&](BasicRegistryService& service) {
    auto change = service.rename_vendor(options.corporate_number, options.name, options.actor);
    if (!change) return report_failure("vendor rename", change.status());
    if (options.format == "json") {
      std::cout << vendor_view(change->after).dump(2) << "\n";
    } else if (change->before.name == change->after.vendor.name) {
      std::cout << "変更はありません（すでにこの名称です） / nothing changed: " << options.corporate_number << " is already named "
                << change->after.vendor.name << "\n";
    } else {
      std::cout << "事業者名を変更しました / vendor renamed: " << options.corporate_number << " " << change->before.name
                << " → " << change->after.vendor.name << "\n";
    }
    return kExitOk;
  });
}

struct CertificationOptions : RegistryCommandOptions {
  std::string vendor;
  std::string scheme;
  std::string number;
  std::string valid_until;
};

int run_certification(const CertificationOptions& options) {
  auto valid_until = Date::parse(options.valid_until);
  if (!valid_until) {
    return report_failure("vendor cert", Status(ErrorCode::kInvalidArgument,
                                                "有効期限は実在する日付 YYYY-MM-DD にしてください（「" + options.valid_until +
                                                    "」は不可） / expected a real date YYYY-MM-DD, got '" +
                                                    options.valid_until + "'",
                                                "--valid-until"));
  }
  Certification certification{options.scheme, options.number.empty() ? std::nullopt : std::optional(options.number),
                              *valid_until};
  return with_records("vendor cert", options, [&](BasicRegistryService& service) {
    auto change = service.put_certification(options.vendor, certification, options.actor);
    if (!change) return report_failure("vendor cert", change.status());
    if (options.format == "json") {
      std::cout << vendor_view(change->after).dump(2) << "\n";
    } else {
      std::cout << "認証を記録しました / certification recorded: " << change->after.vendor.name << "\n";
      for (const auto& cert : change->after.vendor.certifications) {
        std::cout << "  " << cert.scheme << (cert.number ? " " + *cert.number : "") << " " << cert.valid_until.to_string()
                  << "\n";
      }
    }
    return kExitOk;
  });
}

struct DueOptions : RegistryCommandOptions {
  int within = 30;
  std::string as_of;
  std::string department;
  std::string kind;
  std::string lang = "ja";
};

int run_due(const DueOptions& options) {
  auto as_of = date_option(options.as_of, "--as-of");
  if (!as_of) return report_failure("due", as_of.status());
  return with_records("due", options, [&](BasicRegistryService& service) {
    EngagementFilter filter;
    if (!options.department.empty()) filter.department = options.department;
    if (!options.kind.empty()) filter.kind = options.kind;
    auto items = service.due(*as_of, options.within, filter);
    if (!items) return report_failure("due", items.status());
    if (options.format == "json") {
      ordered_json out = ordered_json::array();
      for (const auto& item : *items) out.push_back(due_item_view(item));
      std::cout << out.dump(2) << "\n";
    } else if (options.format == "csv") {
      write_due_csv(std::cout, *items, options.lang);
    } else if (items->empty()) {
      std::cout << "期限の近いものはありません / nothing due within " << options.within << " days"
                << (filter.department ? "（所管課 / department " + *filter.department + "）" : std::string())
                << (filter.kind ? "（種別 / kind " + *filter.kind + "）" : std::string()) << "\n";
    } else {
      write_due_text(std::cout, *items);
    }
    return kExitOk;
  });
}

}  // namespace

void register_workflow_commands(CLI::App& app, int& exit_code) {
  {
    auto options = std::make_shared<ShowOptions>();
    CLI::App* command = app.add_subcommand("show", "Everything known about one engagement");
    command->add_option("ref", options->ref, "Engagement ref")->required();
    command->add_option("--as-of", options->as_of, "Date for the verification status (default: today)");
    add_registry_options(*command, *options, false);
    command->callback([options, &exit_code] { exit_code = run_show(*options); });
  }
  {
    auto options = std::make_shared<AssessOptions>();
    CLI::App* command = app.add_subcommand("assess", "Assess a stored engagement, store and print the result");
    command->add_option("ref", options->ref, "Engagement ref")->required();
    command->add_option("--as-of", options->as_of, "Assessment date (default: today)");
    add_registry_options(*command, *options, true);
    command->callback([options, &exit_code] { exit_code = run_assess(*options); });
  }
  {
    auto options = std::make_shared<VerifyOptions>();
    CLI::App* command = app.add_subcommand("verify", "Record a periodic verification (定期的な確認) of an engagement");
    command->add_option("ref", options->ref, "Engagement ref")->required();
    command->add_option("--result", options->result, "Outcome (required unless --void)")
        ->check(CLI::IsMember({"pass", "conditional", "fail"}));
    command->add_option("--date", options->date, "Date of the verification YYYY-MM-DD (required unless --void)");
    command->add_option("--verifier", options->verifier, "Who verified (required unless --void)");
    command->add_option("--notes", options->notes, "Notes");
    command->add_option("--void", options->void_number,
                        "Void verification N (as numbered by itaku show) recorded in error; it stays in the history");
    command->add_option("--reason", options->reason, "Why the verification is voided (with --void)");
    add_registry_options(*command, *options, true);
    command->callback([options, &exit_code] { exit_code = run_verify(*options); });
  }
  {
    auto options = std::make_shared<ClauseOptions>();
    CLI::App* command = app.add_subcommand("clause", "Record that a contract clause is present or missing");
    command->add_option("ref", options->ref, "Engagement ref")->required();
    command->add_option("clause", options->clause, "Clause ID, e.g. OUT-09")->required();
    command->add_flag("--present", options->present, "The contract contains the clause");
    command->add_flag("--missing", options->missing, "The contract lacks the clause");
    command->add_option("--evidence", options->evidence, "Evidence note, e.g. 契約書第12条");
    add_registry_options(*command, *options, true);
    command->callback([options, &exit_code] { exit_code = run_clause(*options); });
  }
  {
    auto options = std::make_shared<TerminateOptions>();
    CLI::App* command = app.add_subcommand("terminate", "End an engagement once the return or destruction of information is confirmed");
    command->add_option("ref", options->ref, "Engagement ref")->required();
    command->add_option("--return-confirmed", options->confirmed, "Date the return/destruction was confirmed")->required();
    command->add_option("--note", options->note, "Note, e.g. 廃棄証明書受領");
    add_registry_options(*command, *options, true);
    command->callback([options, &exit_code] { exit_code = run_terminate(*options); });
  }
  {
    auto options = std::make_shared<CertificationOptions>();
    CLI::App* vendor = app.add_subcommand("vendor", "Vendor records");
    vendor->require_subcommand(1);
    CLI::App* command = vendor->add_subcommand("cert", "Add or renew a vendor's certification");
    command->add_option("vendor", options->vendor, "The vendor's 法人番号, or its name when it has none")->required();
    command->add_option("--scheme", options->scheme, "Certification scheme")
        ->required()
        ->check(CLI::IsMember({"ISMS", "PMARK", "ISMAP", "ISMAP_LIU", "ISO27017", "ISO27018", "SOC2"}));
    command->add_option("--number", options->number, "Certificate or registration number");
    command->add_option("--valid-until", options->valid_until, "Last day of validity YYYY-MM-DD")->required();
    add_registry_options(*command, *options, true);
    command->callback([options, &exit_code] { exit_code = run_certification(*options); });

    auto rename_options = std::make_shared<RenameOptions>();
    CLI::App* rename = vendor->add_subcommand("rename", "Rename a registered vendor (imports never rename one)");
    rename->add_option("corporate_number", rename_options->corporate_number, "The vendor's 法人番号")->required();
    rename->add_option("name", rename_options->name, "The new name")->required();
    add_registry_options(*rename, *rename_options, true);
    rename->callback([rename_options, &exit_code] { exit_code = run_rename(*rename_options); });
  }
  {
    auto options = std::make_shared<DueOptions>();
    CLI::App* command = app.add_subcommand("due", "Verifications overdue, failed or due soon, and expiring certifications");
    command->add_option("--within", options->within, "Days ahead to include")->check(CLI::Range(0, 3650))->capture_default_str();
    command->add_option("--as-of", options->as_of, "Date to count from (default: today)");
    command->add_option("--department", options->department, "Only this department (所管課), e.g. 市民課");
    command->add_option("--kind", options->kind, "Only this kind")
        ->check(CLI::IsMember({"contractor", "cloud", "social_media"}));
    command->add_option("--lang", options->lang, "Language of the CSV (ja or en)")
        ->check(CLI::IsMember({"ja", "en"}))
        ->capture_default_str();
    add_registry_options(*command, *options, false, {"text", "json", "csv"});
    command->callback([options, &exit_code] { exit_code = run_due(*options); });
  }
}

}  // namespace itaku::cli

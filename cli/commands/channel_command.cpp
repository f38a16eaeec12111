// `itaku channel register`: an SNS account owner registers a channel and sees at once what to fix.
#include <unistd.h>

#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/composition.hpp"
#include "app/registry_command_options.hpp"
#include "commands/workflow_commands.hpp"
#include "itaku/domain/channel_address.hpp"
#include "itaku/domain/engagement_json.hpp"
#include "itaku/domain/platform.hpp"
#include "itaku/domain/record_changes.hpp"
#include "itaku/report/report_json.hpp"
#include "itaku/service/json_views.hpp"

namespace itaku::cli {
namespace {

struct ChannelOptions : RegistryCommandOptions {
  std::string ref, title, department, platform, account, url, platform_user_id, listing_url;
  std::string responsible_name, responsible_department, custodian_name, custodian_department;
  std::string start, as_of;
  int confidentiality = 1, integrity = 1, availability = 1;
  bool profile_names_operator = false, operating_procedure = false, mfa = false, takeover_procedure = false;
  bool availability2_mirrored = false, shutdown_plan = false;
};

// A value's check: Ok (after putting `value` in its stored form, e.g. "LINE" → "line"), or why it
// cannot be stored, in Japanese and English.
using ValueCheck = std::function<Status(std::string& value)>;

Status any_value(std::string&) { return Status::ok(); }

Status platform_value(std::string& value) {
  if (auto word = platform_word(value)) {
    value = *word;
    return Status::ok();
  }
  std::string words;
  for (const auto& word : platform_words()) words += (words.empty() ? "" : ", ") + word;
  return Status(ErrorCode::kInvalidArgument,
                "「" + value + "」はプラットフォームとして分かりません（" + words + "、X(旧Twitter) のような書き方も可） / '" +
                    value + "' is not a platform (" + words + ")",
                "--platform");
}

Status url_value(std::string& value) {
  const bool web = value.rfind("https://", 0) == 0 || value.rfind("http://", 0) == 0;
  const auto key = channel_query_key(value);
  if (web && key) return Status::ok();
  return Status(ErrorCode::kInvalidArgument,
                "アカウントの URL を https:// から入力してください（「" + value + "」は不可） / the account's URL, starting "
                "with https:// (not '" + value + "')" + (key ? std::string() : ": " + key.status().message()),
                "--url");
}

// Asks for a required value on a terminal, again after a blank or bad answer (the other answers
// are kept); elsewhere a missing or bad value is an error.
Status require_value(std::string& value, const std::string& option, const std::string& prompt,
                     const ValueCheck& check = any_value) {
  if (!value.empty()) return check(value);
  if (!::isatty(STDIN_FILENO)) {
    return Status(ErrorCode::kInvalidArgument, "required: give " + option, option);
  }
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::cerr << prompt << " (" << option << "): " << std::flush;
    if (!std::getline(std::cin, value)) break;
    if (value.find_first_not_of(" \t") == std::string::npos) {
      std::cerr << "  入力が必要です / a value is required\n";
      continue;
    }
    Status checked = check(value);
    if (checked) return checked;
    std::cerr << "  " << checked.message() << "\n";
  }
  return Status(ErrorCode::kInvalidArgument, "required: give " + option, option);
}

// Labels of the fields a channel update may change, Japanese first (README "An update changes
// what it names").
std::string field_label(const std::string& pointer) {
  static const std::map<std::string, std::string> kLabels = {
      {"/title", "名称 / title"},
      {"/department", "所管課 / department"},
      {"/status", "状態 / status"},
      {"/responsible_person", "責任者 / responsible person"},
      {"/responsible_person/name", "責任者 / responsible person"},
      {"/responsible_person/department", "責任者の所属 / responsible person's department"},
      {"/information/confidentiality", "機密性 / confidentiality"},
      {"/information/integrity", "完全性 / integrity"},
      {"/information/availability", "可用性 / availability"},
      {"/period/start", "運用開始日 / start"},
      {"/period/end", "運用終了日 / end"},
      {"/social_media/platform", "プラットフォーム / platform"},
      {"/social_media/account", "アカウント名 / account"},
      {"/social_media/url", "URL / url"},
      {"/social_media/platform_user_id", "固定ユーザーID / platform user id"},
      {"/social_media/official_site_listing_url", "公式サイトの掲載ページ / official site listing"},
      {"/social_media/profile_names_operator", "プロフィールに運営課名 / profile names the operator"},
      {"/social_media/operating_procedure", "運用手順 / operating procedure"},
      {"/social_media/mfa", "多要素認証 / MFA"},
      {"/social_media/credential_custodian", "認証情報の管理者 / credential custodian"},
      {"/social_media/credential_custodian/name", "認証情報の管理者 / credential custodian"},
      {"/social_media/credential_custodian/department", "認証情報管理者の所属 / custodian's department"},
      {"/social_media/takeover_procedure", "乗っ取り時の手順 / takeover procedure"},
      {"/social_media/availability2_mirrored", "市サイトへの併載 / mirrored on the city's site"},
      {"/social_media/shutdown_plan", "サービス終了時の計画 / shutdown plan"},
  };
  const auto it = kLabels.find(pointer);
  return it == kLabels.end() ? pointer : it->second;
}

std::string shown_value(const nlohmann::json& value) {
  if (value.is_null()) return "（なし / none）";
  if (value.is_boolean()) return value.get<bool>() ? "あり / yes" : "なし / no";
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

// The options given on the command line, as a JSON Merge Patch of the stored channel: what is
// not given stays as stored.
nlohmann::json channel_patch(const ChannelOptions& o, const std::set<std::string>& given, const Engagement& stored) {
  nlohmann::json patch = nlohmann::json::object();
  auto text = [&](const char* option, const std::string& value, nlohmann::json& target, const char* key) {
    if (given.count(option)) target[key] = value;
  };
  text("--title", o.title, patch, "title");
  text("--department", o.department, patch, "department");
  nlohmann::json social = nlohmann::json::object();
  text("--platform", o.platform, social, "platform");
  text("--account", o.account, social, "account");
  text("--url", o.url, social, "url");
  text("--platform-user-id", o.platform_user_id, social, "platform_user_id");
  text("--official-site-listing-url", o.listing_url, social, "official_site_listing_url");
  for (auto [option, key] : {std::pair{"--profile-names-operator", "profile_names_operator"},
                             {"--operating-procedure", "operating_procedure"},
                             {"--mfa", "mfa"},
                             {"--takeover-procedure", "takeover_procedure"},
                             {"--availability2-mirrored", "availability2_mirrored"},
                             {"--shutdown-plan", "shutdown_plan"}}) {
    if (given.count(option)) social[key] = true;
  }
  const std::string department = given.count("--department") ? o.department : stored.department;
  if (given.count("--custodian-name") || given.count("--custodian-department")) {
    nlohmann::json custodian = nlohmann::json::object();
    text("--custodian-name", o.custodian_name, custodian, "name");
    text("--custodian-department", o.custodian_department, custodian, "department");
    // A first custodian works in the channel's department unless told otherwise (as on creation).
    const bool has_custodian = stored.section.is_object() && stored.section.contains("credential_custodian");
    if (!has_custodian && !custodian.contains("department")) custodian["department"] = department;
    social["credential_custodian"] = custodian;
  }
  if (!social.empty()) patch["social_media"] = social;
  // Another person replaces the stored one whole (merge_patched): name and department are both
  // given, the one not given on the command line taken from the stored person, else the channel.
  if (given.count("--responsible-name") || given.count("--responsible-department")) {
    const std::optional<Person>& person = stored.responsible_person;
    patch["responsible_person"] = {
        {"name", given.count("--responsible-name") ? o.responsible_name : person ? person->name : std::string()},
        {"department", given.count("--responsible-department") ? o.responsible_department
                       : given.count("--responsible-name") || !person ? department
                                                                      : person->department}};
  }
  for (auto [option, key, value] : {std::tuple{"--confidentiality", "confidentiality", o.confidentiality},
                                    {"--integrity", "integrity", o.integrity},
                                    {"--availability", "availability", o.availability}}) {
    if (given.count(option)) patch["information"][key] = value;
  }
  text("--start", o.start, patch["period"], "start");
  if (patch["period"].is_null()) patch.erase("period");
  return patch;
}

int print_outcome(const ChannelOptions& options, const RegisterOutcome& outcome) {
  if (options.format == "json") {
    const nlohmann::ordered_json out = registration_view(outcome);
    std::cout << out.dump(2) << "\n";
  } else {
    if (outcome.outcome == UpsertOutcome::kCreated) {
      std::cout << "登録しました / registered " << outcome.after.ref << ".\n";
    } else if (outcome.outcome == UpsertOutcome::kUnchanged) {
      std::cout << "変更はありません / nothing changed: " << outcome.after.ref << " は登録済みの内容のままです / is as registered.\n";
    } else {
      std::cout << "更新しました / updated " << outcome.after.ref << ":\n";
      for (const auto& change : record_changes(engagement_to_json(*outcome.before), engagement_to_json(outcome.after))) {
        std::cout << "  " << field_label(change.pointer) << ": " << shown_value(change.before) << " → "
                  << shown_value(change.after) << "\n";
      }
    }
    std::cout << "直すべき点 / what to fix:\n";
    print_result_text(std::cout, outcome.review);
  }
  return outcome.review.decision == Decision::kReject ? kExitPolicy : kExitOk;
}

// A registered channel: only what is given changes; the rest (its verifications, responsible
// person, start date, ...) stays as registered.
int update_channel(const ChannelOptions& options, const std::set<std::string>& given, Composition& composition,
                   const Engagement& stored, Date as_of) {
  if (stored.kind != "social_media") {
    return report_failure("channel register",
                          Status(ErrorCode::kInvalidArgument,
                                 options.ref + " はチャネルではありません（種別 " + stored.kind + "） / " + options.ref +
                                     " is not a channel (kind " + stored.kind + ")",
                                 "--ref"));
  }
  const nlohmann::json patch = channel_patch(options, given, stored);
  auto outcome = composition.registry_service->update_record(options.ref, patch, as_of, options.actor);
  if (!outcome) return report_failure("channel register", outcome.status());
  return print_outcome(options, *outcome);
}

int create_channel(ChannelOptions options, Date as_of) {
  const std::vector<std::tuple<std::string*, const char*, const char*>> required = {
      {&options.title, "--title", "名称 / title (e.g. 市公式Xアカウント)"},
      {&options.department, "--department", "所管課 / department"},
      {&options.platform, "--platform", "プラットフォーム / platform (x, facebook, instagram, line, youtube, ...)"},
      {&options.account, "--account", "アカウント名 / account (e.g. @city_official)"},
      {&options.url, "--url", "アカウントの URL / url"},
  };
  for (auto& [value, option, prompt] : required) {
    const ValueCheck check = std::string(option) == "--platform" ? ValueCheck(platform_value)
                             : std::string(option) == "--url"    ? ValueCheck(url_value)
                                                                 : ValueCheck(any_value);
    if (Status status = require_value(*value, option, prompt, check); !status) {
      return report_failure("channel register", status);
    }
  }
  nlohmann::json social = {{"platform", options.platform}, {"account", options.account}, {"url", options.url}};
  if (!options.platform_user_id.empty()) social["platform_user_id"] = options.platform_user_id;
  if (!options.listing_url.empty()) social["official_site_listing_url"] = options.listing_url;
  for (auto [flag, key] : {std::pair{options.profile_names_operator, "profile_names_operator"},
                           {options.operating_procedure, "operating_procedure"},
                           {options.mfa, "mfa"},
                           {options.takeover_procedure, "takeover_procedure"},
                           {options.availability2_mirrored, "availability2_mirrored"},
                           {options.shutdown_plan, "shutdown_plan"}}) {
    if (flag) social[key] = true;
  }
  if (!options.custodian_name.empty() || !options.custodian_department.empty()) {
    social["credential_custodian"] = {{"name", options.custodian_name},
                                      {"department", options.custodian_department.empty() ? options.department
                                                                                          : options.custodian_department}};
  }
  nlohmann::json record = {{"ref", options.ref},
                           {"kind", "social_media"},
                           {"title", options.title},
                           {"department", options.department},
                           {"information",
                            {{"confidentiality", options.confidentiality},
                             {"integrity", options.integrity},
                             {"availability", options.availability}}},
                           {"network_zone", "internet"},
                           {"period", {{"start", options.start.empty() ? as_of.to_string() : options.start}}},
                           {"social_media", social}};
  if (!options.responsible_name.empty()) {
    record["responsible_person"] = {{"name", options.responsible_name},
                                    {"department", options.responsible_department.empty() ? options.department
                                                                                          : options.responsible_department}};
  }
  auto composition = compose_registry(options.plugin_dir, options.db, DatabaseUse::kMayCreate);
  if (!composition) return report_failure("channel register", composition.status());
  RegisterOptions create_only;
  create_only.mode = RegisterOptions::Mode::kCreateOnly;
  auto outcome = (*composition)->registry_service->register_record(record, as_of, options.actor, create_only);
  if (!outcome) return report_failure("channel register", outcome.status());
  return print_outcome(options, *outcome);
}

int run_register(const ChannelOptions& options, const std::set<std::string>& given) {
  ChannelOptions asked = options;
  if (Status status = require_value(asked.ref, "--ref", "参照番号 / ref (e.g. SNS-X-001)"); !status) {
    return report_failure("channel register", status);
  }
  if (!asked.platform.empty()) {
    if (Status status = platform_value(asked.platform); !status) return report_failure("channel register", status);
  }
  Date as_of = Date::today();
  if (!options.as_of.empty()) {
    auto parsed = Date::parse(options.as_of);
    if (!parsed) return report_failure("channel register", Status(ErrorCode::kInvalidArgument, "expected YYYY-MM-DD", "--as-of"));
    as_of = *parsed;
  }
  // A registered ref is updated; only a new one needs every required value (and may create the
  // database).
  auto existing = compose_registry(options.plugin_dir, options.db, DatabaseUse::kExistingOnly);
  if (existing) {
    auto shown = (*existing)->registry_service->show(asked.ref, as_of);
    if (shown) return update_channel(asked, given, **existing, shown->engagement, as_of);
    if (shown.status().code() != ErrorCode::kNotFound) return report_failure("channel register", shown.status());
    existing->reset();
  } else if (existing.status().code() != ErrorCode::kNotFound) {
    return report_failure("channel register", existing.status());
  }
  return create_channel(std::move(asked), as_of);
}

}  // namespace

void register_channel_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ChannelOptions>();
  CLI::App* channel = app.add_subcommand("channel", "Social-media channels");
  channel->require_subcommand(1);
  CLI::App* command = channel->add_subcommand(
      "register",
      "Register a channel, or update a registered one (only the options given change), and show its findings; "
      "asks for missing required values of a new channel on a terminal");
  command->add_option("--ref", options->ref, "Channel ref, e.g. SNS-X-001");
  command->add_option("--title", options->title, "Name of the channel");
  command->add_option("--department", options->department, "Operating department (所管課)");
  command->add_option("--platform", options->platform,
                      "Platform: x, facebook, instagram, line, youtube, tiktok, threads, bluesky, note or other "
                      "(also as written: X(旧Twitter), LINE公式アカウント …)");
  command->add_option("--account", options->account, "Account name or handle");
  command->add_option("--url", options->url, "URL of the account");
  command->add_option("--platform-user-id", options->platform_user_id, "The platform's fixed user id");
  command->add_option("--official-site-listing-url", options->listing_url, "Page of the city's site listing the account");
  command->add_flag("--profile-names-operator", options->profile_names_operator, "The profile names the department");
  command->add_flag("--operating-procedure", options->operating_procedure, "An operating procedure (運用手順) exists");
  command->add_flag("--mfa", options->mfa, "Multi-factor authentication is on");
  command->add_option("--custodian-name", options->custodian_name, "Who keeps the credentials");
  command->add_option("--custodian-department", options->custodian_department, "Their department (default: --department)");
  command->add_flag("--takeover-procedure", options->takeover_procedure, "An account-takeover procedure exists");
  command->add_flag("--availability2-mirrored", options->availability2_mirrored, "Availability-2 information is also on the city's site");
  command->add_flag("--shutdown-plan", options->shutdown_plan, "A plan for the service shutting down exists");
  command->add_option("--responsible-name", options->responsible_name, "Responsible person (責任者)");
  command->add_option("--responsible-department", options->responsible_department, "Their department (default: --department)");
  command->add_option("--confidentiality", options->confidentiality, "機密性 of what the channel carries")->check(CLI::Range(1, 3))->capture_default_str();
  command->add_option("--integrity", options->integrity, "完全性")->check(CLI::Range(1, 2))->capture_default_str();
  command->add_option("--availability", options->availability, "可用性 (2: disaster information)")->check(CLI::Range(1, 2))->capture_default_str();
  command->add_option("--start", options->start, "Operation start date (default: today)");
  command->add_option("--as-of", options->as_of, "Review date (default: today)");
  add_registry_options(*command, *options, true);
  command->callback([options, command, &exit_code] {
    std::set<std::string> given;
    for (const CLI::Option* option : command->get_options()) {
      if (option->count() > 0) given.insert(option->get_name());
    }
    exit_code = run_register(*options, given);
  });
}

}  // namespace itaku::cli

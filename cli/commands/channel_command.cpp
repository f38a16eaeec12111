// `itaku channel register`: an SNS account owner registers a channel and sees at once what to fix.
#include <unistd.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/composition.hpp"
#include "app/registry_command_options.hpp"
#include "commands/workflow_commands.hpp"
#include "itaku/service/report_json.hpp"

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

// Asks for a required value on a terminal; elsewhere a missing value is an error.
Status require_value(std::string& value, const std::string& option, const std::string& prompt) {
  if (!value.empty()) return Status::ok();
  if (!::isatty(STDIN_FILENO)) {
    return Status(ErrorCode::kInvalidArgument, "required: give " + option, option);
  }
  std::cerr << prompt << " (" << option << "): " << std::flush;
  std::getline(std::cin, value);
  if (value.find_first_not_of(" \t") == std::string::npos) {
    return Status(ErrorCode::kInvalidArgument, "required: give " + option, option);
  }
  return Status::ok();
}

int run_register(ChannelOptions options) {
  const std::vector<std::tuple<std::string*, const char*, const char*>> required = {
      {&options.ref, "--ref", "参照番号 / ref (e.g. SNS-X-001)"},
      {&options.title, "--title", "名称 / title (e.g. 市公式Xアカウント)"},
      {&options.department, "--department", "所管課 / department"},
      {&options.platform, "--platform", "プラットフォーム / platform (x, facebook, instagram, line, youtube, ...)"},
      {&options.account, "--account", "アカウント名 / account (e.g. @city_official)"},
      {&options.url, "--url", "アカウントの URL / url"},
  };
  for (auto& [value, option, prompt] : required) {
    if (Status status = require_value(*value, option, prompt); !status) return report_failure("channel register", status);
  }
  Date as_of = Date::today();
  if (!options.as_of.empty()) {
    auto parsed = Date::parse(options.as_of);
    if (!parsed) return report_failure("channel register", Status(ErrorCode::kInvalidArgument, "expected YYYY-MM-DD", "--as-of"));
    as_of = *parsed;
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
  auto result = (*composition)->registry_service->register_record(record, as_of, options.actor);
  if (!result) return report_failure("channel register", result.status());
  if (options.format == "json") {
    nlohmann::ordered_json out;
    to_json(out, *result);
    std::cout << out.dump(2) << "\n";
  } else {
    std::cout << "登録しました / registered. 直すべき点 / what to fix:\n";
    print_result_text(std::cout, *result);
  }
  return result->decision == Decision::kReject ? kExitPolicy : kExitOk;
}

}  // namespace

void register_channel_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ChannelOptions>();
  CLI::App* channel = app.add_subcommand("channel", "Social-media channels");
  channel->require_subcommand(1);
  CLI::App* command = channel->add_subcommand(
      "register", "Register (or update) a channel and show its findings; asks for missing required values on a terminal");
  command->add_option("--ref", options->ref, "Channel ref, e.g. SNS-X-001");
  command->add_option("--title", options->title, "Name of the channel");
  command->add_option("--department", options->department, "Operating department (所管課)");
  command->add_option("--platform", options->platform, "Platform")
      ->check(CLI::IsMember({"x", "facebook", "instagram", "line", "youtube", "tiktok", "threads", "bluesky", "note", "other"}));
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
  command->callback([options, &exit_code] { exit_code = run_register(*options); });
}

}  // namespace itaku::cli

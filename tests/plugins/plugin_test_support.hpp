// Shared by the plugin tests: loads the real built plugin modules, builds compliant baseline
// engagements per kind and tier (each test then breaks one thing) and runs an assessment.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "itaku/domain/date.hpp"
#include "itaku/domain/engagement.hpp"
#include "itaku/domain/finding.hpp"
#include "itaku/plugin/api.hpp"
#include "itaku/plugin/host.hpp"

namespace Catch {
template <>
struct StringMaker<itaku::Severity> {
  static std::string convert(itaku::Severity severity) {
    switch (severity) {
      case itaku::Severity::kLow: return "low";
      case itaku::Severity::kMedium: return "medium";
      case itaku::Severity::kHigh: return "high";
      case itaku::Severity::kCritical: return "critical";
    }
    return "severity(" + std::to_string(static_cast<int>(severity)) + ")";
  }
};
}  // namespace Catch

namespace itaku::test {

// The review date of the worked examples of docs/review.md; every test reviews on it.
inline const Date kAsOf = Date::from_ymd(2025, 6, 1);

// Severities of one requirement at tiers 1, 2 and 3.
using TierSeverities = std::array<Severity, 3>;

// The plugin module itaku-<name>.so from the build tree, loaded once per test run through the
// real host. Fails the current test when the host refuses the file.
inline const LoadedPlugin& loaded_plugin(const std::string& name) {
  static std::map<std::string, LoadedPlugin> loaded;
  if (auto found = loaded.find(name); found != loaded.end()) return found->second;
  const std::string file = std::string(ITAKU_PLUGIN_BUILD_DIR) + "/itaku-" + name + ".so";
  auto result = PluginHost::load_file(file);
  if (!result) FAIL("cannot load " << file << ": " << result.status().to_string());
  return loaded.emplace(name, std::move(result).value()).first->second;
}

inline std::vector<Finding> assess(const std::string& plugin_name, const Engagement& engagement, int tier,
                                   Date as_of = kAsOf) {
  const plugin::AssessmentContext context{engagement, as_of, tier, VerificationState{}};
  return loaded_plugin(plugin_name).plugin().assess(context);
}

inline std::vector<std::string> ids_of(const std::vector<Finding>& findings) {
  std::vector<std::string> ids;
  for (const auto& finding : findings) ids.push_back(finding.id);
  return ids;
}

// Checks that `findings` is exactly one finding of `id` at `severity` reported by `plugin_name`.
inline void check_single_finding(const std::vector<Finding>& findings, const std::string& id, Severity severity,
                                 const std::string& plugin_name) {
  CHECK(ids_of(findings) == std::vector<std::string>{id});
  if (findings.size() != 1) return;
  CHECK(findings.front().severity == severity);
  CHECK(findings.front().plugin == plugin_name);
  CHECK_FALSE(findings.front().message.ja.empty());
  CHECK_FALSE(findings.front().message.en.empty());
}

inline Person person(std::string name, std::string department) {
  Person result;
  result.name = std::move(name);
  result.department = std::move(department);
  return result;
}

inline Certification certification(std::string scheme, std::string number, Date valid_until) {
  return Certification{std::move(scheme), std::move(number), valid_until};
}

// Fields every kind shares: owner, responsible person, a running contract, a recent pass.
inline Engagement common_engagement(std::string ref, std::string kind) {
  Engagement engagement;
  engagement.ref = std::move(ref);
  engagement.kind = std::move(kind);
  engagement.title = "テスト用案件";
  engagement.department = "情報政策課";
  engagement.responsible_person = person("情報 花子", "情報政策課");
  engagement.period = Period{Date::from_ymd(2024, 4, 1), Date::from_ymd(2027, 3, 31)};
  engagement.verifications.push_back(
      Verification{Date::from_ymd(2025, 4, 1), VerificationResult::kPass, "情報政策課", std::nullopt, std::nullopt});
  return engagement;
}

// An information profile whose tier (docs/review.md section 1) is `tier`, through its confidentiality.
inline InformationProfile information_by_confidentiality(int tier) {
  InformationProfile information;
  information.confidentiality = 4 - tier;  // tier 1 <- 3, tier 2 <- 2, tier 3 <- 1
  information.integrity = tier == 3 ? 1 : 2;
  information.availability = tier == 1 ? 2 : 1;
  information.personal_data = tier != 3;
  return information;
}

// An information profile of 機密性1 whose tier is still `tier`: tier 1 through My Number data in
// the My Number zone, tier 2 through personal data.
inline void set_confidentiality_one_profile(Engagement& engagement, int tier) {
  engagement.information = InformationProfile{};
  engagement.information.personal_data = tier <= 2;
  engagement.information.my_number = tier == 1;
  engagement.network_zone = tier == 1 ? NetworkZone::kMyNumber : NetworkZone::kLgwan;
}

inline std::vector<std::string> all_contract_clauses() {
  std::vector<std::string> clauses;
  for (int number = 2; number <= 14; ++number) {
    clauses.push_back((number < 10 ? "OUT-0" : "OUT-") + std::to_string(number));
  }
  return clauses;
}

// A contractor record with no finding at `tier`: ISMS certified, every clause, no subcontracting.
inline Engagement compliant_contractor(int tier) {
  Engagement engagement = common_engagement("TEST-OUT", "contractor");
  engagement.vendor = Vendor{"株式会社テスト受託", "7000012050002", "JP",
                             {certification("ISMS", "IS 123456", Date::from_ymd(2026, 3, 31))}};
  engagement.information = information_by_confidentiality(tier);
  engagement.network_zone = NetworkZone::kLgwan;
  engagement.clauses = all_contract_clauses();
  return engagement;
}

// A contracted (not terms-based) cloud service with no finding at `tier`; tier 3 means 機密性1.
inline Engagement compliant_cloud(int tier) {
  Engagement engagement = common_engagement("TEST-CLD", "cloud");
  const Date valid = Date::from_ymd(2026, 3, 31);
  engagement.vendor = Vendor{"テストクラウド株式会社", "7000012050002", "JP",
                             {certification("ISMAP", "C23-0001-1", valid), certification("ISO27017", "CLOUD 1", valid),
                              certification("ISO27018", "PII 1", valid)}};
  engagement.information = information_by_confidentiality(tier);
  engagement.network_zone = NetworkZone::kLgwan;
  engagement.section = {
      {"service_name", "テスト文書管理サービス"},
      {"terms_based", false},
      {"data_locations", {"JP"}},
      {"governing_law", "JP"},
      {"jurisdiction", "JP"},
      {"exit_plan", true},
      {"data_deletion_on_exit", true},
      {"use_approved", true},
      {"service_manager", {{"name", "情報 次郎"}, {"department", "情報政策課"}}},
      {"subprocessors_disclosed", true},
  };
  return engagement;
}

// An approved terms-of-service (約款) service carrying only 機密性1 information, at `tier`.
inline Engagement compliant_terms_based_cloud(int tier) {
  Engagement engagement = common_engagement("TEST-TOS", "cloud");
  engagement.vendor = Vendor{"Example Forms Inc.", std::nullopt, "US", {}};
  set_confidentiality_one_profile(engagement, tier);
  engagement.section = {{"service_name", "オンラインアンケート"}, {"terms_based", true}, {"use_approved", true}};
  return engagement;
}

// A social-media channel with no finding at `tier` (機密性1, as every channel must be).
inline Engagement compliant_social_media(int tier) {
  Engagement engagement = common_engagement("TEST-SNS", "social_media");
  engagement.period.end.reset();
  set_confidentiality_one_profile(engagement, tier);
  engagement.network_zone = NetworkZone::kInternet;
  engagement.section = {
      {"platform", "x"},
      {"account", "@example_city"},
      {"url", "https://x.com/example_city"},
      {"official_site_listing_url", "https://www.city.example.lg.jp/sns/"},
      {"profile_names_operator", true},
      {"operating_procedure", true},
      {"mfa", true},
      {"credential_custodian", {{"name", "広報 三郎"}, {"department", "秘書広報課"}}},
      {"takeover_procedure", true},
      {"shutdown_plan", true},
  };
  return engagement;
}

}  // namespace itaku::test

// The cloud plugin (TOS-01..02, CLD-01..08), loaded from the built module: terms-of-service
// services get only TOS findings; contracted services with 機密性2+ get CLD-01..08; contracted
// 機密性1 services get only CLD-05, at medium.
#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "plugins/plugin_test_support.hpp"

namespace itaku::test {
namespace {

const std::string kCloud = "cloud";

constexpr Severity kLow = Severity::kLow;
constexpr Severity kMedium = Severity::kMedium;
constexpr Severity kHigh = Severity::kHigh;
constexpr Severity kCritical = Severity::kCritical;

struct BrokenCloud {
  std::string id;
  std::string what;
  std::function<void(Engagement&)> breaks;
  Severity at_tier_1;
  Severity at_tier_2;
};

void drop_certification(Engagement& engagement, const std::string& scheme) {
  std::erase_if(engagement.vendor->certifications, [&](const Certification& c) { return c.scheme == scheme; });
}

void replace_certification(Engagement& engagement, const std::string& scheme, Date valid_until) {
  drop_certification(engagement, scheme);
  engagement.vendor->certifications.push_back(certification(scheme, "N-1", valid_until));
}

// Every CLD condition broken at once: no certifications, foreign data, foreign law, no exit,
// no approval, no manager, undisclosed sub-processors.
void break_everything(Engagement& engagement) {
  engagement.vendor->certifications = {certification("ISMAP_LIU", "L-1", Date::from_ymd(2026, 1, 1))};
  engagement.section = {{"service_name", "何もかも不足したサービス"}, {"terms_based", false},
                        {"data_locations", {"US"}}, {"governing_law", "US"}};
}

}  // namespace

TEST_CASE("cloud: compliant contracted and terms-based services have no finding", "[plugin][cloud]") {
  for (int tier = 1; tier <= 3; ++tier) {
    INFO("tier " << tier);
    CHECK(assess(kCloud, compliant_cloud(tier), tier).empty());
    CHECK(assess(kCloud, compliant_terms_based_cloud(tier), tier).empty());
  }
}

TEST_CASE("cloud: each CLD rule fires for a contracted 機密性2+ service at its severity", "[plugin][cloud]") {
  const Date yesterday = kAsOf.add_days(-1);
  const std::vector<BrokenCloud> cases = {
      {"CLD-01", "no ISMAP registration", [](Engagement& e) { drop_certification(e, "ISMAP"); }, kHigh, kHigh},
      {"CLD-01", "ISMAP registration expired",
       [&](Engagement& e) { replace_certification(e, "ISMAP", yesterday); }, kHigh, kHigh},
      {"CLD-01", "only ISMAP-LIU, which does not count",
       [](Engagement& e) {
         drop_certification(e, "ISMAP");
         e.vendor->certifications.push_back(certification("ISMAP_LIU", "L-1", Date::from_ymd(2026, 1, 1)));
       },
       kHigh, kHigh},
      {"CLD-02", "data also stored in the US",
       [](Engagement& e) { e.section["data_locations"] = {"JP", "US"}; }, kCritical, kHigh},
      {"CLD-02", "data locations not recorded", [](Engagement& e) { e.section.erase("data_locations"); },
       kCritical, kHigh},
      {"CLD-02", "data locations empty",
       [](Engagement& e) { e.section["data_locations"] = nlohmann::json::array(); }, kCritical, kHigh},
      {"CLD-03", "governing law not Japanese", [](Engagement& e) { e.section["governing_law"] = "US"; }, kHigh,
       kHigh},
      {"CLD-03", "governing law missing", [](Engagement& e) { e.section.erase("governing_law"); }, kHigh, kHigh},
      {"CLD-03", "court not Japanese", [](Engagement& e) { e.section["jurisdiction"] = "SG"; }, kHigh, kHigh},
      {"CLD-03", "court missing", [](Engagement& e) { e.section.erase("jurisdiction"); }, kHigh, kHigh},
      {"CLD-04", "no exit plan", [](Engagement& e) { e.section["exit_plan"] = false; }, kHigh, kHigh},
      {"CLD-04", "exit plan not recorded", [](Engagement& e) { e.section.erase("exit_plan"); }, kHigh, kHigh},
      {"CLD-04", "no deletion on exit", [](Engagement& e) { e.section["data_deletion_on_exit"] = false; }, kHigh,
       kHigh},
      {"CLD-04", "deletion on exit not recorded", [](Engagement& e) { e.section.erase("data_deletion_on_exit"); },
       kHigh, kHigh},
      {"CLD-05", "use not approved", [](Engagement& e) { e.section["use_approved"] = false; }, kHigh, kHigh},
      {"CLD-05", "approval not recorded", [](Engagement& e) { e.section.erase("use_approved"); }, kHigh, kHigh},
      {"CLD-05", "no external-service manager", [](Engagement& e) { e.section.erase("service_manager"); }, kHigh,
       kHigh},
      {"CLD-06", "personal data without ISO 27018", [](Engagement& e) { drop_certification(e, "ISO27018"); },
       kMedium, kMedium},
      {"CLD-06", "personal data with an expired ISO 27018",
       [&](Engagement& e) { replace_certification(e, "ISO27018", yesterday); }, kMedium, kMedium},
      {"CLD-07", "sub-processors not disclosed",
       [](Engagement& e) { e.section["subprocessors_disclosed"] = false; }, kMedium, kMedium},
      {"CLD-07", "sub-processor disclosure not recorded",
       [](Engagement& e) { e.section.erase("subprocessors_disclosed"); }, kMedium, kMedium},
      {"CLD-08", "no ISO 27017", [](Engagement& e) { drop_certification(e, "ISO27017"); }, kLow, kLow},
      {"CLD-08", "expired ISO 27017", [&](Engagement& e) { replace_certification(e, "ISO27017", yesterday); },
       kLow, kLow},
  };
  for (const auto& broken : cases) {
    for (int tier = 1; tier <= 2; ++tier) {
      INFO(broken.id << ": " << broken.what << ", tier " << tier);
      Engagement engagement = compliant_cloud(tier);
      broken.breaks(engagement);
      const Severity expected = tier == 1 ? broken.at_tier_1 : broken.at_tier_2;
      check_single_finding(assess(kCloud, engagement, tier), broken.id, expected, kCloud);
    }
  }
}

TEST_CASE("cloud: near misses of the CLD rules are not findings", "[plugin][cloud]") {
  const std::vector<std::pair<std::string, std::function<void(Engagement&)>>> compliant_variants = {
      {"ISMAP valid until the review date itself", [](Engagement& e) { replace_certification(e, "ISMAP", kAsOf); }},
      {"ISMAP-LIU next to a valid ISMAP registration",
       [](Engagement& e) {
         e.vendor->certifications.push_back(certification("ISMAP_LIU", "L-1", Date::from_ymd(2026, 1, 1)));
       }},
      {"no personal data and no ISO 27018",
       [](Engagement& e) {
         e.information.personal_data = false;
         drop_certification(e, "ISO27018");
       }},
      {"ISO 27017 valid until the review date itself",
       [](Engagement& e) { replace_certification(e, "ISO27017", kAsOf); }},
  };
  for (const auto& [what, variant] : compliant_variants) {
    for (int tier = 1; tier <= 2; ++tier) {
      INFO(what << ", tier " << tier);
      Engagement engagement = compliant_cloud(tier);
      variant(engagement);
      CHECK(assess(kCloud, engagement, tier).empty());
    }
  }
}

TEST_CASE("cloud: a 機密性2+ contracted service with everything missing reports CLD-01..08 in order",
          "[plugin][cloud]") {
  Engagement engagement = compliant_cloud(1);
  break_everything(engagement);
  const auto findings = assess(kCloud, engagement, 1);
  REQUIRE(ids_of(findings) == std::vector<std::string>{"CLD-01", "CLD-02", "CLD-03", "CLD-04", "CLD-05", "CLD-06",
                                                       "CLD-07", "CLD-08"});
  CHECK(findings[1].severity == kCritical);
  CHECK(findings[4].severity == kHigh);
}

TEST_CASE("cloud: a contracted 機密性1 service gets only CLD-05, at medium", "[plugin][cloud]") {
  for (int tier = 1; tier <= 3; ++tier) {
    INFO("tier " << tier);
    Engagement engagement = compliant_cloud(tier);
    break_everything(engagement);
    set_confidentiality_one_profile(engagement, tier);
    check_single_finding(assess(kCloud, engagement, tier), "CLD-05", kMedium, kCloud);

    engagement.section["use_approved"] = true;
    engagement.section["service_manager"] = {{"name", "情報 次郎"}, {"department", "情報政策課"}};
    CHECK(assess(kCloud, engagement, tier).empty());
  }
}

TEST_CASE("cloud: TOS-01 forbids 機密性2+ information in a terms-of-service service", "[plugin][cloud]") {
  for (int tier = 1; tier <= 2; ++tier) {
    INFO("tier " << tier);
    Engagement engagement = compliant_terms_based_cloud(tier);
    engagement.information = information_by_confidentiality(tier);
    check_single_finding(assess(kCloud, engagement, tier), "TOS-01", kCritical, kCloud);
  }
}

TEST_CASE("cloud: TOS-02 reports an unapproved terms-of-service service at medium", "[plugin][cloud]") {
  for (int tier = 1; tier <= 3; ++tier) {
    INFO("tier " << tier);
    Engagement engagement = compliant_terms_based_cloud(tier);
    engagement.section["use_approved"] = false;
    check_single_finding(assess(kCloud, engagement, tier), "TOS-02", kMedium, kCloud);
    engagement.section.erase("use_approved");
    check_single_finding(assess(kCloud, engagement, tier), "TOS-02", kMedium, kCloud);
  }
}

TEST_CASE("cloud: a terms-of-service service is never assessed against the CLD rules", "[plugin][cloud]") {
  Engagement engagement = compliant_cloud(2);
  break_everything(engagement);
  engagement.section["terms_based"] = true;
  const auto findings = assess(kCloud, engagement, 2);
  REQUIRE(ids_of(findings) == std::vector<std::string>{"TOS-01", "TOS-02"});
  CHECK(findings[0].severity == kCritical);
  CHECK(findings[1].severity == kMedium);
}

TEST_CASE("cloud: details name what to fix", "[plugin][cloud]") {
  SECTION("CLD-02 names the foreign locations") {
    Engagement engagement = compliant_cloud(2);
    engagement.section["data_locations"] = {"JP", "US", "SG"};
    const auto findings = assess(kCloud, engagement, 2);
    REQUIRE(findings.size() == 1);
    CHECK_THAT(findings[0].message.ja, Catch::Contains("US") && Catch::Contains("SG") && !Catch::Contains("JP"));
    CHECK_THAT(findings[0].message.en, Catch::Contains("US") && Catch::Contains("SG"));
  }
  SECTION("CLD-02 says the location is not recorded") {
    Engagement engagement = compliant_cloud(2);
    engagement.section.erase("data_locations");
    const auto findings = assess(kCloud, engagement, 2);
    REQUIRE(findings.size() == 1);
    CHECK_THAT(findings[0].message.ja, Catch::Contains("保存場所が未記載"));
  }
  SECTION("CLD-01 explains that ISMAP-LIU is not enough") {
    Engagement engagement = compliant_cloud(2);
    drop_certification(engagement, "ISMAP");
    engagement.vendor->certifications.push_back(certification("ISMAP_LIU", "L-1", Date::from_ymd(2026, 1, 1)));
    const auto findings = assess(kCloud, engagement, 2);
    REQUIRE(findings.size() == 1);
    CHECK_THAT(findings[0].message.ja, Catch::Contains("ISMAP-LIU"));
    CHECK_THAT(findings[0].message.en, Catch::Contains("ISMAP-LIU"));
  }
  SECTION("CLD-05 says which of approval and manager is missing") {
    Engagement engagement = compliant_cloud(2);
    engagement.section.erase("service_manager");
    const auto findings = assess(kCloud, engagement, 2);
    REQUIRE(findings.size() == 1);
    CHECK_THAT(findings[0].message.ja, Catch::Contains("外部サービス管理者が未指定") && !Catch::Contains("利用承認なし"));
  }
}

}  // namespace itaku::test

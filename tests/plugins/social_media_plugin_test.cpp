// The social-media plugin (SNS-01..SNS-08), loaded from the built module: each rule fires when
// its condition holds and stays silent when it does not; no severity depends on the tier.
#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "plugins/plugin_test_support.hpp"

namespace itaku::test {
namespace {

const std::string kSocialMedia = "social_media";

struct BrokenChannel {
  std::string id;
  std::string what;
  std::function<void(Engagement&)> breaks;
  Severity expected;
};

}  // namespace

TEST_CASE("social media: a compliant channel has no finding at any tier", "[plugin][social_media]") {
  for (int tier = 1; tier <= 3; ++tier) {
    INFO("tier " << tier);
    CHECK(assess(kSocialMedia, compliant_social_media(tier), tier).empty());
  }
}

TEST_CASE("social media: each SNS rule fires at its severity at every tier", "[plugin][social_media]") {
  const std::vector<BrokenChannel> cases = {
      {"SNS-01", "no operating procedure", [](Engagement& e) { e.section["operating_procedure"] = false; },
       Severity::kHigh},
      {"SNS-01", "operating procedure not recorded", [](Engagement& e) { e.section.erase("operating_procedure"); },
       Severity::kHigh},
      {"SNS-02", "not listed on the city's site", [](Engagement& e) { e.section.erase("official_site_listing_url"); },
       Severity::kHigh},
      {"SNS-03", "profile does not name the department",
       [](Engagement& e) { e.section["profile_names_operator"] = false; }, Severity::kMedium},
      {"SNS-03", "profile naming not recorded", [](Engagement& e) { e.section.erase("profile_names_operator"); },
       Severity::kMedium},
      {"SNS-04", "no MFA", [](Engagement& e) { e.section["mfa"] = false; }, Severity::kHigh},
      {"SNS-04", "MFA not recorded", [](Engagement& e) { e.section.erase("mfa"); }, Severity::kHigh},
      {"SNS-04", "no credential custodian", [](Engagement& e) { e.section.erase("credential_custodian"); },
       Severity::kHigh},
      {"SNS-04", "neither MFA nor custodian",
       [](Engagement& e) {
         e.section["mfa"] = false;
         e.section.erase("credential_custodian");
       },
       Severity::kHigh},
      {"SNS-05", "declared to carry 機密性2", [](Engagement& e) { e.information.confidentiality = 2; },
       Severity::kCritical},
      {"SNS-05", "declared to carry 機密性3", [](Engagement& e) { e.information.confidentiality = 3; },
       Severity::kCritical},
      {"SNS-06", "no takeover procedure", [](Engagement& e) { e.section["takeover_procedure"] = false; },
       Severity::kMedium},
      {"SNS-06", "takeover procedure not recorded", [](Engagement& e) { e.section.erase("takeover_procedure"); },
       Severity::kMedium},
      {"SNS-07", "availability-2 information, mirroring not recorded",
       [](Engagement& e) { e.information.availability = 2; }, Severity::kHigh},
      {"SNS-07", "availability-2 information not mirrored",
       [](Engagement& e) {
         e.information.availability = 2;
         e.section["availability2_mirrored"] = false;
       },
       Severity::kHigh},
      {"SNS-08", "no shutdown plan", [](Engagement& e) { e.section["shutdown_plan"] = false; }, Severity::kLow},
      {"SNS-08", "shutdown plan not recorded", [](Engagement& e) { e.section.erase("shutdown_plan"); },
       Severity::kLow},
  };
  for (const auto& broken : cases) {
    for (int tier = 1; tier <= 3; ++tier) {
      INFO(broken.id << ": " << broken.what << ", tier " << tier);
      Engagement engagement = compliant_social_media(tier);
      broken.breaks(engagement);
      check_single_finding(assess(kSocialMedia, engagement, tier), broken.id, broken.expected, kSocialMedia);
    }
  }
}

TEST_CASE("social media: SNS-07 needs availability 2 and no mirror", "[plugin][social_media]") {
  for (int tier = 1; tier <= 3; ++tier) {
    INFO("tier " << tier);
    Engagement engagement = compliant_social_media(tier);
    engagement.information.availability = 2;
    engagement.section["availability2_mirrored"] = true;
    CHECK(assess(kSocialMedia, engagement, tier).empty());

    engagement.information.availability = 1;
    engagement.section["availability2_mirrored"] = false;
    CHECK(assess(kSocialMedia, engagement, tier).empty());
  }
}

TEST_CASE("social media: SNS-04 says what protects the credentials too little", "[plugin][social_media]") {
  Engagement engagement = compliant_social_media(3);
  engagement.section["mfa"] = false;
  auto findings = assess(kSocialMedia, engagement, 3);
  REQUIRE(findings.size() == 1);
  CHECK_THAT(findings[0].message.ja, Catch::Contains("多要素認証") && !Catch::Contains("管理者"));

  engagement = compliant_social_media(3);
  engagement.section.erase("credential_custodian");
  findings = assess(kSocialMedia, engagement, 3);
  REQUIRE(findings.size() == 1);
  CHECK_THAT(findings[0].message.ja, Catch::Contains("管理者") && !Catch::Contains("多要素認証"));
}

TEST_CASE("social media: an unconfigured channel reports SNS-01..08 in catalogue order", "[plugin][social_media]") {
  Engagement engagement = compliant_social_media(2);
  engagement.information.confidentiality = 2;
  engagement.information.availability = 2;
  engagement.section = {{"platform", "line"}, {"account", "@example"}, {"url", "https://lin.ee/example"}};
  CHECK(ids_of(assess(kSocialMedia, engagement, 2)) ==
        std::vector<std::string>{"SNS-01", "SNS-02", "SNS-03", "SNS-04", "SNS-05", "SNS-06", "SNS-07", "SNS-08"});
}

TEST_CASE("social media: worked example EX-002 (docs/review.md section 4)", "[plugin][social_media][example]") {
  Engagement engagement;
  engagement.ref = "EX-002";
  engagement.kind = "social_media";
  engagement.title = "市公式YouTubeチャンネル";
  engagement.department = "秘書広報課";
  engagement.information = InformationProfile{1, 1, 2, false, false};
  engagement.network_zone = NetworkZone::kInternet;
  engagement.period = Period{Date::from_ymd(2024, 7, 1), std::nullopt};
  engagement.section = {
      {"platform", "youtube"},
      {"account", "@example-city"},
      {"url", "https://www.youtube.com/@example-city"},
      {"official_site_listing_url", "https://www.city.example.lg.jp/sns/"},
      {"profile_names_operator", true},
      {"operating_procedure", true},
      {"mfa", true},
      {"takeover_procedure", false},
      {"shutdown_plan", true},
  };

  const auto findings = assess(kSocialMedia, engagement, 3);
  REQUIRE(ids_of(findings) == std::vector<std::string>{"SNS-04", "SNS-06", "SNS-07"});
  CHECK(findings[0].severity == Severity::kHigh);
  CHECK(findings[1].severity == Severity::kMedium);
  CHECK(findings[2].severity == Severity::kHigh);
  CHECK_THAT(findings[0].message.ja, Catch::Contains("認証情報の管理者が未指定"));
  for (const auto& finding : findings) CHECK(finding.plugin == kSocialMedia);
}

}  // namespace itaku::test

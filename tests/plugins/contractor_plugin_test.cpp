// The contractor plugin (OUT-01..OUT-17), loaded from the built module: each rule fires when its
// condition holds, stays silent when it does not, at the severity docs/rules.md gives for each tier.
#include <functional>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "plugins/plugin_test_support.hpp"

namespace itaku::test {
namespace {

const std::string kContractor = "contractor";

constexpr Severity kLow = Severity::kLow;
constexpr Severity kMedium = Severity::kMedium;
constexpr Severity kHigh = Severity::kHigh;
constexpr Severity kCritical = Severity::kCritical;

struct BrokenContractor {
  std::string id;
  std::string what;
  std::function<void(Engagement&)> breaks;
  TierSeverities expected;
};

void remove_clause(Engagement& engagement, const std::string& id) {
  std::erase(engagement.clauses, id);
}

Subcontracting subcontracting(bool used, std::optional<bool> approved, std::optional<bool> flow_down) {
  return Subcontracting{used, approved, flow_down};
}

}  // namespace

TEST_CASE("contractor: a compliant contract has no finding at any tier", "[plugin][contractor]") {
  for (int tier = 1; tier <= 3; ++tier) {
    INFO("tier " << tier);
    CHECK(assess(kContractor, compliant_contractor(tier), tier).empty());
  }
}

TEST_CASE("contractor: each missing clause OUT-02..OUT-14 is one finding at its tier's severity",
          "[plugin][contractor]") {
  const TierSeverities weakening = {kHigh, kMedium, kLow};
  const TierSeverities protective = {kCritical, kHigh, kMedium};
  const std::vector<std::pair<std::string, TierSeverities>> clauses = {
      {"OUT-02", weakening},  {"OUT-03", weakening},  {"OUT-04", weakening},  {"OUT-05", weakening},
      {"OUT-06", weakening},  {"OUT-07", protective}, {"OUT-08", protective}, {"OUT-09", protective},
      {"OUT-10", protective}, {"OUT-11", weakening},  {"OUT-12", weakening},  {"OUT-13", weakening},
      {"OUT-14", weakening},
  };
  for (const auto& [id, expected] : clauses) {
    for (int tier = 1; tier <= 3; ++tier) {
      INFO(id << " missing, tier " << tier);
      Engagement engagement = compliant_contractor(tier);
      remove_clause(engagement, id);
      check_single_finding(assess(kContractor, engagement, tier), id, expected[tier - 1], kContractor);
    }
  }
}

TEST_CASE("contractor: a contract listing no clause at all reports all thirteen, in catalogue order",
          "[plugin][contractor]") {
  Engagement engagement = compliant_contractor(2);
  engagement.clauses.clear();
  CHECK(ids_of(assess(kContractor, engagement, 2)) == all_contract_clauses());
}

TEST_CASE("contractor: OUT-01 certification, OUT-15/16 subcontracting and OUT-17 supply chain fire when broken",
          "[plugin][contractor]") {
  const Date yesterday = kAsOf.add_days(-1);
  const std::vector<BrokenContractor> cases = {
      {"OUT-01", "no certification at all", [](Engagement& e) { e.vendor->certifications.clear(); },
       {kHigh, kHigh, kMedium}},
      {"OUT-01", "ISMS expired the day before the review",
       [&](Engagement& e) { e.vendor->certifications = {certification("ISMS", "IS 1", yesterday)}; },
       {kHigh, kHigh, kMedium}},
      {"OUT-01", "only a cloud registration, which is not ISMS or PMARK",
       [](Engagement& e) {
         e.vendor->certifications = {certification("ISMAP", "C1", Date::from_ymd(2026, 1, 1)),
                                     certification("ISO27017", "C2", Date::from_ymd(2026, 1, 1))};
       },
       {kHigh, kHigh, kMedium}},
      {"OUT-01", "no vendor recorded", [](Engagement& e) { e.vendor.reset(); }, {kHigh, kHigh, kMedium}},
      {"OUT-15", "subcontracting without approval recorded",
       [](Engagement& e) { e.subcontracting = subcontracting(true, std::nullopt, true); },
       {kCritical, kCritical, kHigh}},
      {"OUT-15", "subcontracting explicitly not approved, nothing flowed down",
       [](Engagement& e) { e.subcontracting = subcontracting(true, false, false); }, {kCritical, kCritical, kHigh}},
      {"OUT-16", "approved subcontracting, flow-down not recorded",
       [](Engagement& e) { e.subcontracting = subcontracting(true, true, std::nullopt); }, {kHigh, kHigh, kMedium}},
      {"OUT-16", "approved subcontracting, obligations not flowed down",
       [](Engagement& e) { e.subcontracting = subcontracting(true, true, false); }, {kHigh, kHigh, kMedium}},
      {"OUT-17", "IT system, disclosure not recorded",
       [](Engagement& e) { e.section = {{"it_system", true}}; }, {kMedium, kMedium, kMedium}},
      {"OUT-17", "IT system, supply chain not disclosed",
       [](Engagement& e) { e.section = {{"it_system", true}, {"supply_chain_disclosed", false}}; },
       {kMedium, kMedium, kMedium}},
  };
  for (const auto& broken : cases) {
    for (int tier = 1; tier <= 3; ++tier) {
      INFO(broken.id << ": " << broken.what << ", tier " << tier);
      Engagement engagement = compliant_contractor(tier);
      broken.breaks(engagement);
      check_single_finding(assess(kContractor, engagement, tier), broken.id, broken.expected[tier - 1], kContractor);
    }
  }
}

TEST_CASE("contractor: near misses of OUT-01, OUT-15, OUT-16 and OUT-17 are not findings", "[plugin][contractor]") {
  const std::vector<std::pair<std::string, std::function<void(Engagement&)>>> compliant_variants = {
      {"ISMS valid until the review date itself",
       [](Engagement& e) { e.vendor->certifications = {certification("ISMS", "IS 1", kAsOf)}; }},
      {"only a valid Privacy Mark",
       [](Engagement& e) {
         e.vendor->certifications = {certification("PMARK", "10861234(03)", Date::from_ymd(2026, 1, 31))};
       }},
      {"expired ISMS but a valid Privacy Mark",
       [](Engagement& e) {
         e.vendor->certifications = {certification("ISMS", "IS 1", Date::from_ymd(2024, 1, 1)),
                                     certification("PMARK", "10861234(03)", Date::from_ymd(2026, 1, 31))};
       }},
      {"subcontracting recorded as not used, with nothing approved",
       [](Engagement& e) { e.subcontracting = subcontracting(false, false, false); }},
      {"subcontracting approved and flowed down",
       [](Engagement& e) { e.subcontracting = subcontracting(true, true, true); }},
      {"IT system with the supply chain disclosed",
       [](Engagement& e) { e.section = {{"it_system", true}, {"supply_chain_disclosed", true}}; }},
      {"not an IT system, no disclosure",
       [](Engagement& e) { e.section = {{"it_system", false}, {"supply_chain_disclosed", false}}; }},
      {"an empty contractor section", [](Engagement& e) { e.section = nlohmann::json::object(); }},
      {"no contractor section (null)", [](Engagement& e) { e.section = nullptr; }},
  };
  for (const auto& [what, variant] : compliant_variants) {
    for (int tier = 1; tier <= 3; ++tier) {
      INFO(what << ", tier " << tier);
      Engagement engagement = compliant_contractor(tier);
      variant(engagement);
      CHECK(assess(kContractor, engagement, tier).empty());
    }
  }
}

TEST_CASE("contractor: OUT-01 says which certificate expired and when", "[plugin][contractor]") {
  Engagement engagement = compliant_contractor(2);
  engagement.vendor->certifications = {certification("PMARK", "10861234(03)", Date::from_ymd(2025, 1, 31))};
  const auto findings = assess(kContractor, engagement, 2);
  REQUIRE(ids_of(findings) == std::vector<std::string>{"OUT-01"});
  CHECK_THAT(findings[0].message.ja, Catch::Contains("2025-01-31") && Catch::Contains("10861234(03)"));
  CHECK_THAT(findings[0].message.en, Catch::Contains("expired on 2025-01-31"));
}

TEST_CASE("contractor: findings come in catalogue order, one per ID", "[plugin][contractor]") {
  Engagement engagement = compliant_contractor(1);
  engagement.section = {{"it_system", true}};
  engagement.subcontracting = subcontracting(true, false, false);
  remove_clause(engagement, "OUT-13");
  remove_clause(engagement, "OUT-09");
  engagement.vendor->certifications.clear();
  const auto findings = assess(kContractor, engagement, 1);
  CHECK(ids_of(findings) == std::vector<std::string>{"OUT-01", "OUT-09", "OUT-13", "OUT-15", "OUT-17"});
}

TEST_CASE("contractor: a finding's message starts with its catalogue title", "[plugin][contractor]") {
  Engagement engagement = compliant_contractor(2);
  remove_clause(engagement, "OUT-09");
  const auto findings = assess(kContractor, engagement, 2);
  REQUIRE(findings.size() == 1);
  const Catalogue catalogue = loaded_plugin(kContractor).plugin().catalogue();
  const auto requirement = std::find_if(catalogue.begin(), catalogue.end(),
                                        [](const Requirement& r) { return r.id == "OUT-09"; });
  REQUIRE(requirement != catalogue.end());
  CHECK_THAT(findings[0].message.ja, Catch::StartsWith(requirement->title.ja));
  CHECK_THAT(findings[0].message.en, Catch::StartsWith(requirement->title.en));
  CHECK_THAT(findings[0].message.ja, Catch::Contains("再委託"));
}

TEST_CASE("contractor: worked example EX-001 (docs/review.md section 4)", "[plugin][contractor][example]") {
  Engagement engagement;
  engagement.ref = "EX-001";
  engagement.kind = "contractor";
  engagement.title = "窓口受付業務委託";
  engagement.department = "市民課";
  engagement.responsible_person = person("上野 太郎", "市民課");
  engagement.vendor = Vendor{"株式会社例示サービス", "4011001098993", "JP",
                             {certification("PMARK", "10861234(03)", Date::from_ymd(2026, 1, 31))}};
  engagement.information = InformationProfile{2, 2, 1, true, false};
  engagement.network_zone = NetworkZone::kLgwan;
  engagement.period = Period{Date::from_ymd(2024, 4, 1), Date::from_ymd(2027, 3, 31)};
  engagement.clauses = {"OUT-02", "OUT-03", "OUT-04", "OUT-05", "OUT-06", "OUT-07",
                        "OUT-08", "OUT-10", "OUT-11", "OUT-12", "OUT-14"};
  engagement.subcontracting = subcontracting(true, true, true);
  engagement.verifications = {
      Verification{Date::from_ymd(2024, 3, 25), VerificationResult::kPass, "情報推進担当", std::nullopt, std::nullopt}};

  const auto findings = assess(kContractor, engagement, 2);
  REQUIRE(ids_of(findings) == std::vector<std::string>{"OUT-09", "OUT-13"});
  CHECK(findings[0].severity == kHigh);
  CHECK(findings[1].severity == kMedium);
  for (const auto& finding : findings) CHECK(finding.plugin == kContractor);
}

}  // namespace itaku::test

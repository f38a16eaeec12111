#include <catch2/catch.hpp>

#include <algorithm>

#include "itaku/catalogue/requirement.hpp"
#include "itaku/domain/verification.hpp"
#include "rules/core_rules.hpp"
#include "sample_engagements.hpp"

using namespace itaku;
using itaku::test::baseline_engagement;
using itaku::test::verification_on;

namespace {

const Date kAsOf = Date::from_ymd(2025, 6, 1);

std::vector<Finding> core_findings(const Engagement& e, Date as_of = kAsOf) {
  return detail::assess_core_rules(e, as_of, tier_of(e), verification_state(e, as_of));
}

const Finding* find(const std::vector<Finding>& findings, const std::string& id) {
  auto it = std::find_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == id; });
  return it == findings.end() ? nullptr : &*it;
}

}  // namespace

TEST_CASE("a compliant baseline has no core findings", "[core][rules]") {
  CHECK(core_findings(baseline_engagement()).empty());
}

TEST_CASE("GEN-01: no responsible person, or an inactive one, is high", "[core][rules][GEN-01]") {
  Engagement e = baseline_engagement();
  e.responsible_person.reset();
  const auto without_person = core_findings(e);  // kept: `missing` points into it
  const Finding* missing = find(without_person, "GEN-01");
  REQUIRE(missing);
  CHECK(missing->severity == Severity::kHigh);
  CHECK(missing->plugin == "core");
  CHECK_FALSE(missing->message.ja.empty());
  CHECK_FALSE(missing->message.en.empty());

  e = baseline_engagement();
  e.responsible_person->active = false;
  const auto findings = core_findings(e);
  REQUIRE(find(findings, "GEN-01"));
  CHECK(find(findings, "GEN-01")->severity == Severity::kHigh);
  CHECK(find(findings, "GEN-01")->message.en.find("上野 太郎") != std::string::npos);
}

TEST_CASE("GEN-02: overdue or failed verification is high unless terminated", "[core][rules][GEN-02]") {
  Engagement e = baseline_engagement();
  e.information.confidentiality = 2;                      // 12 months
  e.verifications = {verification_on(2024, 3, 25)};      // due 2025-03-25, overdue on 2025-06-01
  REQUIRE(find(core_findings(e), "GEN-02"));
  CHECK(find(core_findings(e), "GEN-02")->severity == Severity::kHigh);
  // the message names the case and the date that was missed
  CHECK(find(core_findings(e), "GEN-02")->message.ja.find("2025-03-25") != std::string::npos);
  CHECK(find(core_findings(e), "GEN-02")->message.en.find("overdue") != std::string::npos);
  // the same record on its due date is not overdue
  CHECK_FALSE(find(core_findings(e, Date::from_ymd(2025, 3, 25)), "GEN-02"));
  // a terminated engagement is not chased for verification
  e.status = EngagementStatus::kTerminated;
  CHECK_FALSE(find(core_findings(e), "GEN-02"));

  e = baseline_engagement();
  e.verifications = {verification_on(2025, 5, 1, VerificationResult::kFail)};
  REQUIRE(find(core_findings(e), "GEN-02"));
  CHECK(find(core_findings(e), "GEN-02")->message.en.find("failed") != std::string::npos);
  e.verifications.push_back(verification_on(2025, 5, 20));  // re-verified and passed
  CHECK_FALSE(find(core_findings(e), "GEN-02"));
  // due_soon and unverified are not findings
  e = baseline_engagement();
  CHECK_FALSE(find(core_findings(e), "GEN-02"));
}

TEST_CASE("GEN-03: My Number data outside the My Number zone is critical", "[core][rules][GEN-03]") {
  Engagement e = baseline_engagement();
  e.information.my_number = true;
  e.verifications = {verification_on(2025, 5, 1)};
  REQUIRE(find(core_findings(e), "GEN-03"));  // zone absent
  CHECK(find(core_findings(e), "GEN-03")->severity == Severity::kCritical);
  e.network_zone = NetworkZone::kLgwan;
  CHECK(find(core_findings(e), "GEN-03"));
  e.network_zone = NetworkZone::kInternet;
  CHECK(find(core_findings(e), "GEN-03"));
  e.network_zone = NetworkZone::kMyNumber;
  CHECK_FALSE(find(core_findings(e), "GEN-03"));
  e.information.my_number = false;
  e.network_zone = NetworkZone::kInternet;
  CHECK_FALSE(find(core_findings(e), "GEN-03"));
}

TEST_CASE("GEN-04: ended period without termination is medium", "[core][rules][GEN-04]") {
  Engagement e = baseline_engagement();
  e.period.end = Date::from_ymd(2025, 5, 31);
  REQUIRE(find(core_findings(e), "GEN-04"));
  CHECK(find(core_findings(e), "GEN-04")->severity == Severity::kMedium);
  e.period.end = kAsOf;  // ends today: not yet ended
  CHECK_FALSE(find(core_findings(e), "GEN-04"));
  e.period.end = Date::from_ymd(2025, 5, 31);
  e.status = EngagementStatus::kTerminated;
  CHECK_FALSE(find(core_findings(e), "GEN-04"));
  e.status = EngagementStatus::kPlanned;
  CHECK(find(core_findings(e), "GEN-04"));
}

TEST_CASE("core findings follow catalogue order and the catalogue lists GEN-01..04", "[core][rules]") {
  Engagement e = baseline_engagement();
  e.responsible_person.reset();
  e.information.my_number = true;
  e.period.end = Date::from_ymd(2025, 1, 1);
  e.verifications = {verification_on(2025, 1, 1, VerificationResult::kFail)};
  const auto findings = core_findings(e);
  REQUIRE(findings.size() == 4);
  CHECK(findings[0].id == "GEN-01");
  CHECK(findings[1].id == "GEN-02");
  CHECK(findings[2].id == "GEN-03");
  CHECK(findings[3].id == "GEN-04");
  REQUIRE(core_catalogue().size() == 4);
  for (const auto& requirement : core_catalogue()) {
    CHECK_FALSE(requirement.title.ja.empty());
    CHECK_FALSE(requirement.title.en.empty());
    CHECK_FALSE(requirement.contract_clause);
  }
}

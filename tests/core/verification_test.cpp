#include <catch2/catch.hpp>

#include "itaku/domain/verification.hpp"
#include "sample_engagements.hpp"

using namespace itaku;
using itaku::test::baseline_engagement;
using itaku::test::verification_on;

TEST_CASE("tier follows confidentiality, My Number, zone and personal data", "[domain][tier]") {
  Engagement e = baseline_engagement();
  CHECK(tier_of(e) == 3);
  e.information.personal_data = true;
  CHECK(tier_of(e) == 2);
  e.information = {2, 1, 1, false, false};
  CHECK(tier_of(e) == 2);
  e.information = {3, 1, 1, false, false};
  CHECK(tier_of(e) == 1);
  e.information = {1, 1, 1, false, true};
  CHECK(tier_of(e) == 1);
  e.information = {1, 1, 1, false, false};
  e.network_zone = NetworkZone::kMyNumber;
  CHECK(tier_of(e) == 1);
  e.network_zone = NetworkZone::kLgwan;
  CHECK(tier_of(e) == 3);
  // integrity and availability do not raise the tier
  e.information = {1, 2, 2, false, false};
  CHECK(tier_of(e) == 3);
}

TEST_CASE("verification interval: explicit months, else 6/12/24 by tier", "[domain][verification]") {
  Engagement e = baseline_engagement();
  CHECK(verification_interval_months(e) == 24);
  e.information.confidentiality = 2;
  CHECK(verification_interval_months(e) == 12);
  e.information.confidentiality = 3;
  CHECK(verification_interval_months(e) == 6);
  e.verification_interval_months = 3;
  CHECK(verification_interval_months(e) == 3);
}

TEST_CASE("verification status without any verification counts from the period start", "[domain][verification]") {
  Engagement e = baseline_engagement();  // tier 3, start 2025-04-01, interval 24
  auto state = verification_state(e, Date::from_ymd(2025, 6, 1));
  CHECK(state.status == VerificationStatus::kUnverified);
  CHECK(state.next_due == Date::from_ymd(2027, 4, 1));
  CHECK(state.interval_months == 24);
  // next_due == as_of is not overdue; the day after is
  CHECK(verification_state(e, Date::from_ymd(2027, 4, 1)).status == VerificationStatus::kUnverified);
  CHECK(verification_state(e, Date::from_ymd(2027, 4, 2)).status == VerificationStatus::kOverdue);
  // unverified wins over due_soon: there is nothing verified to be "due soon" again
  CHECK(verification_state(e, Date::from_ymd(2027, 3, 20)).status == VerificationStatus::kUnverified);
}

TEST_CASE("verification status: verified, due_soon at the 30-day edge, overdue", "[domain][verification]") {
  Engagement e = baseline_engagement();
  e.information.confidentiality = 2;  // 12 months
  e.verifications = {verification_on(2025, 1, 15)};
  const Date due = Date::from_ymd(2026, 1, 15);
  CHECK(verification_state(e, Date::from_ymd(2025, 6, 1)).next_due == due);
  CHECK(verification_state(e, Date::from_ymd(2025, 6, 1)).status == VerificationStatus::kVerified);
  // as_of + 30 days == next_due -> due_soon; one day earlier it is still verified
  CHECK(verification_state(e, due.add_days(-30)).status == VerificationStatus::kDueSoon);
  CHECK(verification_state(e, due.add_days(-31)).status == VerificationStatus::kVerified);
  CHECK(verification_state(e, due).status == VerificationStatus::kDueSoon);
  CHECK(verification_state(e, due.add_days(1)).status == VerificationStatus::kOverdue);
}

TEST_CASE("verification: month-end clamp and leap day in next_due", "[domain][verification]") {
  Engagement e = baseline_engagement();
  e.information.confidentiality = 3;  // 6 months
  e.verifications = {verification_on(2024, 8, 31)};
  CHECK(verification_state(e, Date::from_ymd(2024, 9, 1)).next_due == Date::from_ymd(2025, 2, 28));
  e.verifications = {verification_on(2023, 8, 31)};
  CHECK(verification_state(e, Date::from_ymd(2023, 9, 1)).next_due == Date::from_ymd(2024, 2, 29));
  e.information.confidentiality = 2;  // 12 months from a leap day
  e.verifications = {verification_on(2024, 2, 29)};
  CHECK(verification_state(e, Date::from_ymd(2024, 3, 1)).next_due == Date::from_ymd(2025, 2, 28));
}

TEST_CASE("verification: the latest date wins, the last listed on equal dates", "[domain][verification]") {
  Engagement e = baseline_engagement();
  e.information.confidentiality = 2;
  const Date as_of = Date::from_ymd(2025, 6, 1);
  // listed out of order: the later date counts even though it is not last
  e.verifications = {verification_on(2025, 3, 1), verification_on(2024, 1, 1, VerificationResult::kFail)};
  CHECK(verification_state(e, as_of).status == VerificationStatus::kVerified);
  // equal dates: the last listed decides
  e.verifications = {verification_on(2025, 3, 1, VerificationResult::kFail), verification_on(2025, 3, 1)};
  CHECK(verification_state(e, as_of).status == VerificationStatus::kVerified);
  e.verifications = {verification_on(2025, 3, 1), verification_on(2025, 3, 1, VerificationResult::kFail)};
  auto failed = verification_state(e, as_of);
  CHECK(failed.status == VerificationStatus::kFailed);
  CHECK(failed.next_due == as_of);  // remediation is due now
  // a conditional result is not a failure
  e.verifications = {verification_on(2025, 3, 1, VerificationResult::kConditional)};
  CHECK(verification_state(e, as_of).status == VerificationStatus::kVerified);
}

TEST_CASE("verification status names are the report's words", "[domain][verification]") {
  CHECK(verification_status_name(VerificationStatus::kVerified) == "verified");
  CHECK(verification_status_name(VerificationStatus::kDueSoon) == "due_soon");
  CHECK(verification_status_name(VerificationStatus::kUnverified) == "unverified");
  CHECK(verification_status_name(VerificationStatus::kOverdue) == "overdue");
  CHECK(verification_status_name(VerificationStatus::kFailed) == "failed");
}

TEST_CASE("verification status as of a past date ignores what was verified after it", "[domain][verification]") {
  Engagement e = baseline_engagement();
  e.information.confidentiality = 2;  // 12 months
  e.verifications = {verification_on(2025, 1, 15), verification_on(2026, 3, 1)};
  e.verifications[1].result = VerificationResult::kFail;
  // On 2026-02-01 the failed verification of March had not happened: overdue since 2026-01-15.
  const auto before = verification_state(e, Date::from_ymd(2026, 2, 1));
  CHECK(before.status == VerificationStatus::kOverdue);
  CHECK(before.next_due == Date::from_ymd(2026, 1, 15));
  // From its date on, it counts.
  CHECK(verification_state(e, Date::from_ymd(2026, 3, 1)).status == VerificationStatus::kFailed);
}

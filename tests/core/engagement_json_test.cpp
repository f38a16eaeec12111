#include <catch2/catch.hpp>

#include "itaku/domain/engagement_json.hpp"
#include "sample_engagements.hpp"

using namespace itaku;

TEST_CASE("engagement_from_json reads every docs/records.md field", "[domain][json]") {
  const Engagement e = engagement_from_json(test::worked_example_ex001());
  CHECK(e.ref == "EX-001");
  CHECK(e.kind == "contractor");
  CHECK(e.status == EngagementStatus::kActive);
  REQUIRE(e.responsible_person);
  CHECK_FALSE(e.responsible_person->active.has_value());  // not stated: an import keeps the stored value
  CHECK(e.responsible_person->is_active());
  REQUIRE(e.vendor);
  CHECK(e.vendor->corporate_number == "4011001098993");
  REQUIRE(e.vendor->certifications.size() == 1);
  CHECK(e.vendor->certifications[0].valid_until == Date::from_ymd(2026, 1, 31));
  CHECK(e.information.confidentiality == 2);
  CHECK(e.information.personal_data);
  CHECK_FALSE(e.information.my_number);
  CHECK(e.network_zone == NetworkZone::kLgwan);
  CHECK(e.period.end == Date::from_ymd(2027, 3, 31));
  CHECK(e.has_clause("OUT-14"));
  CHECK_FALSE(e.has_clause("OUT-09"));
  REQUIRE(e.subcontracting);
  CHECK(e.subcontracting->approved == true);
  REQUIRE(e.verifications.size() == 1);
  CHECK(e.verifications[0].verifier == "情報推進担当");
  CHECK(e.section.is_null());

  const Engagement sns = engagement_from_json(test::worked_example_ex002());
  CHECK(sns.section.at("platform") == "youtube");
  CHECK_FALSE(sns.vendor);
  CHECK_FALSE(sns.period.end);
}

TEST_CASE("engagement_to_json round-trips", "[domain][json]") {
  for (const auto& record : {test::worked_example_ex001(), test::worked_example_ex002()}) {
    const nlohmann::json once = engagement_to_json(engagement_from_json(record));
    CHECK(engagement_to_json(engagement_from_json(once)) == once);
    CHECK(once.at("ref") == record.at("ref"));
  }
  nlohmann::json inactive = test::worked_example_ex001();
  inactive["responsible_person"]["active"] = false;
  inactive["status"] = "terminated";
  const nlohmann::json out = engagement_to_json(engagement_from_json(inactive));
  CHECK(out.at("responsible_person").at("active") == false);
  CHECK(out.at("status") == "terminated");
}

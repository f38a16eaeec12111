// The vendor as the reports name it: the certificates that lapse within 90 days of the review
// date, and not those already renewed, expired or far off (docs/review.md, section 5).
#include <catch2/catch.hpp>

#include "itaku/domain/review_result.hpp"

using namespace itaku;

namespace {
Date day(const char* text) { return Date::parse(text).value(); }
}  // namespace

TEST_CASE("reviewed vendor: certificates lapsing within 90 days, soonest first", "[core][review]") {
  Vendor vendor;
  vendor.name = "株式会社例示";
  vendor.corporate_number = "4011001098993";
  vendor.certifications = {
      {"PMARK", std::string("P-2"), day("2026-06-29")},     // day 89: listed
      {"ISMS", std::string("IS-1"), day("2026-04-15")},     // day 14: listed, first
      {"ISO27017", std::nullopt, day("2026-06-30")},        // day 90: the last day listed
      {"ISO27018", std::nullopt, day("2026-07-01")},        // day 91: not yet
      {"SOC2", std::nullopt, day("2026-03-31")},            // lapsed the day before: a finding, not a notice
      {"ISMAP", std::string("old"), day("2026-05-01")},     // renewed below: history
      {"ISMAP", std::string("new"), day("2027-05-01")},
  };
  const ReviewedVendor reviewed = reviewed_vendor(vendor, day("2026-04-01"));
  CHECK(reviewed.name == "株式会社例示");
  CHECK(reviewed.corporate_number == std::optional<std::string>("4011001098993"));
  REQUIRE(reviewed.expiring.size() == 3);
  CHECK(reviewed.expiring[0].scheme == "ISMS");
  CHECK(reviewed.expiring[1].scheme == "PMARK");
  CHECK(reviewed.expiring[2].scheme == "ISO27017");
}

TEST_CASE("reviewed vendor: the review date itself is still valid", "[core][review]") {
  Vendor vendor;
  vendor.name = "x";
  vendor.certifications = {{"ISMS", std::nullopt, day("2026-04-01")}};
  CHECK(reviewed_vendor(vendor, day("2026-04-01")).expiring.size() == 1);
  CHECK(reviewed_vendor(vendor, day("2026-04-02")).expiring.empty());
}

// The parts the printed reports are built from: natural order of refs, compact finding IDs,
// dates taken out of a wording, and the spool that gives results back in report order.
#include <algorithm>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "report/finding_ids.hpp"
#include "report/result_spool.hpp"
#include "report/wording.hpp"
#include "report_samples.hpp"
#include "text/natural_order.hpp"

using namespace itaku;
using namespace itaku::detail;
using namespace itaku::test;

TEST_CASE("natural order: numbers inside refs compare by value", "[report][natural]") {
  std::vector<std::string> refs = {"CFA-100", "CFA-10", "CFA-2", "CFA-1", "R7-010", "R7-9", "CFA-", "CFA-02", "B"};
  std::sort(refs.begin(), refs.end(), NaturalLess{});
  CHECK(refs == std::vector<std::string>{"B", "CFA-", "CFA-1", "CFA-2", "CFA-02", "CFA-10", "CFA-100", "R7-9", "R7-010"});
  CHECK(natural_compare("a", "a") == 0);
  CHECK(natural_compare("007", "7") > 0);  // equal values: the shorter writing first, never "equal"
  CHECK(natural_compare("x99999999999999999999999", "x100000000000000000000000") < 0);  // beyond 64 bits
  CHECK(natural_compare("市民課2", "市民課10") < 0);
  // Case does not separate refs; it only orders otherwise equal ones.
  std::vector<std::string> mixed = {"R-9", "r-8", "R-7", "r-7"};
  std::sort(mixed.begin(), mixed.end(), NaturalLess{});
  CHECK(mixed == std::vector<std::string>{"R-7", "r-7", "r-8", "R-9"});
}

TEST_CASE("compact IDs: consecutive numbers under one prefix become a range", "[report][natural]") {
  CHECK(compact_ids({"GEN-01", "GEN-02", "OUT-01", "OUT-02", "OUT-03", "OUT-07"}, "〜") ==
        "GEN-01〜02, OUT-01〜03, OUT-07");
  CHECK(compact_ids({"OUT-09"}, "–") == "OUT-09");
  CHECK(compact_ids({"OUT-09", "OUT-10"}, "–") == "OUT-09–10");
  CHECK(compact_ids({"OUT-9", "OUT-10"}, "〜") == "OUT-9, OUT-10");  // different widths are not one run
  CHECK(compact_ids({"SNS-01", "CLD-02", "CLD-03", "PLUGIN"}, "〜") == "SNS-01, CLD-02〜03, PLUGIN");
  CHECK(compact_ids({}, "〜").empty());

  const std::vector<Finding> findings = {{"GEN-01", Severity::kHigh, "core", {}},
                                         {"OUT-02", Severity::kMedium, "contractor", {}},
                                         {"OUT-03", Severity::kMedium, "contractor", {}},
                                         {"OUT-07", Severity::kHigh, "contractor", {}},
                                         {"CLD-02", Severity::kCritical, "cloud", {}}};
  const auto groups = ids_by_severity(findings, "〜");
  REQUIRE(groups.size() == 3);
  CHECK(groups[0].severity == Severity::kCritical);
  CHECK(groups[0].ids == "CLD-02");
  CHECK(groups[1].ids == "GEN-01, OUT-07");
  CHECK(groups[2].ids == "OUT-02〜03");
}

TEST_CASE("wording: dates are taken out so wordings that differ only by a date compare equal", "[report][natural]") {
  const Wording first = split_dates("期限（2024-04-01）を過ぎています");
  const Wording second = split_dates("期限（2025-12-31）を過ぎています");
  CHECK(first.pattern == second.pattern);
  REQUIRE(first.dates.size() == 1);
  CHECK(first.dates[0] == "2024-04-01");
  // Not a date: part of a longer number, or the wrong shape.
  CHECK(split_dates("番号 12024-04-015").dates.empty());
  CHECK(split_dates("2024/04/01").dates.empty());
  const Wording two = split_dates("2024-04-01 から 2024-09-30 まで");
  CHECK(two.dates.size() == 2);
  std::string shown;
  for_each_piece(two.pattern, [&](std::string_view text) { shown += text; }, [&] { shown += "〔日付〕"; });
  CHECK(shown == "〔日付〕 から 〔日付〕 まで");
  // A control character of the message's own (U+001F, the mark's byte) is no date: two different
  // names must not become one wording.
  const Wording own_mark = split_dates("責任者（A\x1f" "B）");
  CHECK(own_mark.dates.empty());
  CHECK(own_mark.pattern == "責任者（A\uFFFDB）");
  CHECK(own_mark.pattern != split_dates("責任者（A2024-01-01B）").pattern);
}

TEST_CASE("result spool gives every field back, by decision and in natural ref order", "[report][natural]") {
  ResultSpool spool;
  ReviewResult contractor = conditional_contractor();
  ReviewResult cloud = rejected_cloud();
  ReviewResult social = approved_social_media();
  std::vector<std::string> refs = {"A-10", "A-2", "A-1"};
  for (const std::string& ref : refs) {
    ReviewResult copy = contractor;
    copy.ref = ref;
    spool.add(copy);
  }
  spool.add(cloud);
  spool.add(social);
  CHECK(spool.count(Decision::kConditional) == 3);
  CHECK(spool.count(Decision::kReject) == 1);
  CHECK(spool.size() == 5);

  std::vector<std::string> seen;
  spool.for_each(Decision::kConditional, [&](const ReviewResult& result) {
    seen.push_back(result.ref);
    CHECK(result.title == contractor.title);
    CHECK(result.findings.size() == contractor.findings.size());
    CHECK(result.findings[2].message == contractor.findings[2].message);
    REQUIRE(result.vendor);
    CHECK(result.vendor->corporate_number == contractor.vendor->corporate_number);
    REQUIRE(result.vendor->expiring.size() == 1);
    CHECK(result.vendor->expiring[0].valid_until == contractor.vendor->expiring[0].valid_until);
    CHECK(result.vendor->expiring[0].number == contractor.vendor->expiring[0].number);
  });
  CHECK(seen == std::vector<std::string>{"A-1", "A-2", "A-10"});

  spool.for_each(Decision::kReject, [&](const ReviewResult& result) {
    CHECK(result.ref == cloud.ref);
    CHECK(result.record == cloud.record);
    CHECK(result.tier == cloud.tier);
    CHECK(result.risk_level == cloud.risk_level);
    CHECK(result.verification.status == cloud.verification.status);
    CHECK(result.verification.next_due == cloud.verification.next_due);
    CHECK(result.verification.interval_months == cloud.verification.interval_months);
    REQUIRE(result.vendor);
    CHECK_FALSE(result.vendor->corporate_number);
  });
  spool.for_each(Decision::kApprove, [&](const ReviewResult& result) {
    CHECK(result.ref == social.ref);
    CHECK_FALSE(result.risk_level);
    CHECK_FALSE(result.vendor);
    CHECK(result.findings.empty());
  });
}

// `html` report: one self-contained page, escaped text, a first page of counts, then records
// grouped 却下 → 条件付き → 承認 in natural ref order.
#include <catch2/catch.hpp>

#include "report_samples.hpp"

using namespace itaku;
using namespace itaku::test;

TEST_CASE("html report is one self-contained Japanese page", "[report][html]") {
  const std::string page = render(ReportFormat::kHtml, {conditional_contractor()}, {});
  CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"ja\">", 0) == 0);
  CHECK(contains(page, "<meta charset=\"utf-8\">"));
  CHECK(contains(page, "<style>"));
  CHECK(contains(page, "@media print"));
  REQUIRE(page.size() > 8);
  CHECK(page.substr(page.size() - 8) == "</html>\n");
  // Nothing fetched from elsewhere and nothing executed.
  CHECK_FALSE(contains(page, "<script"));
  CHECK_FALSE(contains(page, "<link"));
  CHECK_FALSE(contains(page, "src="));
  CHECK_FALSE(contains(page, "url("));
  CHECK_FALSE(contains(page, "@import"));
  CHECK(count_of(page, "<html") == 1);
  CHECK(count_of(page, "</body>") == 1);
}

TEST_CASE("html report groups records by decision: reject, conditional, approve, then invalid", "[report][html]") {
  // Input order deliberately differs from the page order.
  const std::string page = render(ReportFormat::kHtml,
                                  {approved_social_media(), conditional_contractor(), rejected_cloud()},
                                  {invalid_record()});
  const std::size_t reject_heading = page.find("<h2 class=\"decision-reject\">却下");
  const std::size_t conditional_heading = page.find("<h2 class=\"decision-conditional\">条件付き承認");
  const std::size_t approve_heading = page.find("<h2 class=\"decision-approve\">承認");
  const std::size_t invalid_heading = page.find("<h2 class=\"invalid\">無効な記録（審査対象外）");
  REQUIRE(reject_heading != std::string::npos);
  REQUIRE(conditional_heading != std::string::npos);
  REQUIRE(approve_heading != std::string::npos);
  REQUIRE(invalid_heading != std::string::npos);
  const std::size_t details = page.find("<div class=\"details\">");
  REQUIRE(details != std::string::npos);
  CHECK(page.find("<h2>集計</h2>") < details);
  CHECK(details < reject_heading);
  const auto row_of = [&](const std::string& ref) { return page.find(">" + ref + "<", details); };
  CHECK(reject_heading < row_of("CL-9"));
  CHECK(row_of("CL-9") < conditional_heading);
  CHECK(conditional_heading < row_of("EX-001"));
  CHECK(row_of("EX-001") < approve_heading);
  CHECK(approve_heading < row_of("SNS-7"));
  CHECK(row_of("SNS-7") < invalid_heading);
  CHECK(invalid_heading < row_of("R7-003"));
  CHECK(contains(page, "<code>/vendor/corporate_number</code>"));
  CHECK(contains(page, "法人番号のチェックデジットが不正です"));
  CHECK_FALSE(contains(page, "bad check digit"));  // a Japanese report says it in Japanese
  CHECK(contains(page, "<code>records.jsonl</code>"));
}

TEST_CASE("html report shows summary counts, severities, verification and findings", "[report][html]") {
  const std::string page = render(ReportFormat::kHtml, {conditional_contractor(), rejected_cloud()}, {});
  // Summary row: records, reviewed, reject, conditional, approve, invalid.
  CHECK(contains(page, "<tbody><tr><td>2</td><td>2</td><td>1</td><td>1</td><td>0</td><td>0</td></tr></tbody>"));
  // Each finding is explained once in the summary by ID ...
  CHECK(contains(page, "<tr><td class=\"finding-id\">CLD-02</td><td><span class=\"sev sev-critical\">重大</span></td>"
                       "<td class=\"count\">1</td><td class=\"message\">国外でデータを保管しています</td></tr>"));
  // ... and a record lists its IDs by severity.
  CHECK(contains(page, "<span class=\"ids\"><span class=\"sev sev-critical\">重大</span>"
                       "<span class=\"finding-id\">CLD-02</span></span>"));
  CHECK(contains(page, "<span class=\"ids\"><span class=\"sev sev-medium\">中</span>"
                       "<span class=\"finding-id\">OUT-13</span></span>"));
  CHECK(contains(page, "<span class=\"sev sev-low\">低</span>"));
  CHECK(contains(page, "<span class=\"status-overdue\">期限超過</span> <span class=\"nowrap\">2025-03-25</span>"));
  CHECK(contains(page, "12か月ごと"));
  // The vendor and its 法人番号.
  CHECK(contains(page, "株式会社例示システムズ<div class=\"meta\">法人番号 <span class=\"nowrap\">4011001098993</span></div>"));
  CHECK(contains(page, "Example Cloud Inc."));
  // Every severity has its own colour.
  for (const char* rule : {".sev-critical {", ".sev-high {", ".sev-medium {", ".sev-low {"}) {
    CHECK(contains(page, rule));
  }
  // Empty groups are stated, not left out.
  CHECK(contains(page, "<h2 class=\"decision-approve\">承認<span class=\"count\">0件</span></h2>\n<p class=\"none\">該当なし</p>"));
}

TEST_CASE("html report escapes every text from the records", "[report][html]") {
  ReviewResult result = conditional_contractor();
  result.title = "<script>alert('x')</script>";
  result.department = "R&D \"課\"";
  result.findings[0].message.ja = "<img src=x onerror=alert(1)>";
  RecordError error{3, std::string("<b>ref</b>"), "/a<b", "</td><script>", "x&y.csv", "</td><script>"};
  const std::string page = render(ReportFormat::kHtml, {result}, {error});
  CHECK_FALSE(contains(page, "<script"));
  CHECK_FALSE(contains(page, "<img"));
  CHECK_FALSE(contains(page, "<b>"));
  CHECK(contains(page, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
  CHECK(contains(page, "R&amp;D &quot;課&quot;"));
  CHECK(contains(page, "&lt;img src=x onerror=alert(1)&gt;"));
  CHECK(contains(page, "&lt;/td&gt;&lt;script&gt;"));
  CHECK(contains(page, "<code>x&amp;y.csv</code>"));
  CHECK(contains(page, "<code>/a&lt;b</code>"));
}

TEST_CASE("html report in English", "[report][html]") {
  const std::string page = render(ReportFormat::kHtml, {rejected_cloud()}, {}, "en");
  CHECK(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0) == 0);
  CHECK(contains(page, "<h1>Information Security Review Report</h1>"));
  CHECK(contains(page, "<h2 class=\"decision-reject\">Reject"));
  CHECK(contains(page, "<span class=\"sev sev-critical\">Critical</span>"));
  CHECK(contains(page, "Data stored outside Japan"));
  CHECK_FALSE(contains(page, "国外でデータを保管しています"));
  CHECK(contains(page, "every 6 months"));
}

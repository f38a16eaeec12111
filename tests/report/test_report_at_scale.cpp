// The printed reports with many engagements (docs/records.md, "The printed report"): a first
// page of counts, every finding explained once, compact rows in natural ref order, and
// numbers that agree with each other.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "report_samples.hpp"

using namespace itaku;
using namespace itaku::test;

namespace {


constexpr int kEngagements = 300;
const char* const kDepartments[] = {"市民課", "子育て支援課", "情報政策課"};

// Engagement n as the registry gives it: no input position, refs in text order (R-1, R-10,
// …), every one with GEN-01 in the same words, GEN-02 with its own due date,
// OUT-01 worded two ways and OUT-04 five ways.
ReviewResult stored_engagement(int n) {
  ReviewResult result;
  result.record = 0;
  result.ref = "R-" + std::to_string(n);
  result.kind = "contractor";
  result.title = "業務委託 " + std::to_string(n);
  result.department = kDepartments[n % 3];
  result.tier = 2;
  const bool failed = n % 50 == 0;  // 6 of them
  result.verification = {failed ? VerificationStatus::kFailed : VerificationStatus::kOverdue,
                         date("2024-04-01").add_days(n), 12};
  const std::string due = result.verification.next_due.to_string();
  result.findings = {
      {"GEN-01", Severity::kHigh, "core", {"責任者が指名されていません", "No responsible person"}},
      {"GEN-02", Severity::kHigh, "core", {"定期的な確認の期限（" + due + "）を過ぎています", "Overdue since " + due}},
      {"OUT-01", Severity::kHigh, "contractor",
       n % 2 == 0 ? LocalizedText{"ISMS認証がありません（登録なし）", "No ISMS (none registered)"}
                  : LocalizedText{"ISMS認証がありません（期限切れ）", "No ISMS (lapsed)"}},
      {"OUT-02", Severity::kMedium, "contractor", {"ポリシー遵守の条項がありません", "No policy clause"}},
      {"OUT-03", Severity::kMedium, "contractor", {"責任者等の条項がありません", "No staff clause"}},
      // Worded five ways: too many to number, so spelled out in each row.
      {"OUT-04", Severity::kMedium, "contractor",
       {"SLA が " + std::to_string(n % 5) + " 項目不足しています", "SLA lacks " + std::to_string(n % 5) + " items"}},
  };
  result.risk_level = Severity::kHigh;
  result.decision = Decision::kConditional;
  std::vector<Certification> expiring;
  if (n % 100 == 7) expiring.push_back({"PMARK", std::string("P-1"), date("2025-07-01")});
  result.vendor = ReviewedVendor{n % 100 == 7 ? "株式会社期限間近" : "株式会社例示" + std::to_string(n % 10),
                                 std::string(n % 100 == 7 ? "4011001098993" : "7000012050002"), expiring};
  return result;
}

std::vector<ReviewResult> registry_in_text_order() {
  std::vector<std::string> refs;
  for (int n = 1; n <= kEngagements; ++n) refs.push_back("R-" + std::to_string(n));
  std::sort(refs.begin(), refs.end());  // what ORDER BY ref gives
  std::vector<ReviewResult> results;
  for (const std::string& ref : refs) results.push_back(stored_engagement(std::stoi(ref.substr(2))));
  return results;
}

std::vector<RecordError> two_invalid_records() {
  return {{7, std::string("BAD-7"), "/kind", "unknown kind", "new.jsonl", "種別が不明です"},
          {7, std::string("BAD-7"), "/title", "missing", "new.jsonl", "件名がありません"},
          {9, std::string("BAD-9"), "/ref", "missing", "new.jsonl", "参照番号がありません"}};
}

}  // namespace

TEST_CASE("html report at scale: a first page of counts, then compact rows", "[report][html][scale]") {
  const std::string page = render(ReportFormat::kHtml, registry_in_text_order(), two_invalid_records());
  const std::size_t details = page.find("<div class=\"details\">");
  REQUIRE(details != std::string::npos);
  const std::string first = page.substr(0, details);
  const std::string rest = page.substr(details);

  // Decisions and verification states by department, and a total row that adds up.
  CHECK(contains(first, "<tr><th scope=\"row\">市民課</th><td class=\"count\">100</td><td class=\"count zero\">0</td>"
                        "<td class=\"count\">100</td><td class=\"count zero\">0</td>"));
  CHECK(contains(first, "<tfoot><tr><th scope=\"row\">合計</th><td class=\"count\">300</td>"));
  CHECK(contains(first, "<td class=\"count urgent\">294</td><td class=\"count urgent\">6</td>"));

  // Each finding ID once, with how many engagements have it.
  CHECK(contains(first, "<td class=\"finding-id\">GEN-01</td><td><span class=\"sev sev-high\">高</span></td>"
                        "<td class=\"count\">300</td><td class=\"message\">責任者が指名されていません</td>"));
  // Worded alike but for the date: explained once, the date as a placeholder.
  CHECK(contains(first, "<td class=\"message\">定期的な確認の期限（〔日付〕）を過ぎています</td>"));
  // Worded two ways: both given, numbered, with how many engagements each.
  CHECK(contains(first, "<div>① ISMS認証がありません（期限切れ） <span class=\"meta\">（150件）</span></div>"
                        "<div>② ISMS認証がありません（登録なし） <span class=\"meta\">（150件）</span></div>"));
  // Worded five ways: an example, and the rows say it in full.
  CHECK(contains(first, "例：SLA が "));
  CHECK(contains(first, "ほか 4 通りの文面（各件に記載）"));
  // Failed verifications by name; the certificate that lapses within 90 days, once.
  CHECK(contains(first, "定期確認が不適合の案件<span class=\"count\">6件</span>"));
  CHECK(contains(first, "<li><span class=\"ref\">R-50</span> 業務委託 50 <span class=\"meta\">情報政策課</span></li>"));
  CHECK(count_of(first, "株式会社期限間近") == 1);
  CHECK(contains(first, "<span class=\"ref\">R-7</span>, <span class=\"ref\">R-107</span>, <span class=\"ref\">R-207</span>"));

  // Details: no input position, so no No. column; rows in natural ref order.
  CHECK_FALSE(contains(rest, "<th rowspan=\"2\">No.</th>"));
  CHECK(rest.find(">R-2<") < rest.find(">R-10<"));
  CHECK(rest.find(">R-10<") < rest.find(">R-100<"));
  CHECK(rest.find(">R-299<") < rest.find(">R-300<"));
  // A row lists IDs compactly, the due date of GEN-02, and OUT-01 in full.
  CHECK(contains(rest, "<span class=\"finding-id\">GEN-01〜02, OUT-01</span>"));
  CHECK(contains(rest, "<span class=\"finding-id\">OUT-02〜04</span>"));
  CHECK(contains(rest, "<span class=\"finding-id\">GEN-02</span> <span class=\"nowrap\">2024-04-02</span>"));
  CHECK(count_of(rest, "<span class=\"finding-id\">OUT-01②</span>") == 150);
  CHECK(count_of(page, "ISMS認証がありません（登録なし）") == 1);
  CHECK(count_of(rest, "<span class=\"finding-id\">OUT-04</span> <span class=\"message\">SLA が ") == kEngagements);
  // Words shared by every engagement are not repeated per row.
  CHECK(count_of(page, "責任者が指名されていません") == 1);
  CHECK(count_of(page, "ポリシー遵守の条項がありません") == 1);
  // Vendor and 法人番号 in each row.
  CHECK(count_of(rest, "法人番号 <span class=\"nowrap\">7000012050002</span>") == kEngagements - 3);

  // The invalid records are counted as records, as the summary counts them; the errors too.
  CHECK(contains(page, "<td>302</td><td>300</td><td>0</td><td>300</td><td>0</td><td>2</td>"));
  CHECK(contains(rest, "無効な記録（審査対象外）<span class=\"count\">2件（エラー 3 件）</span>"));
}

TEST_CASE("html report in English separates parts with a middle dot, not Japanese punctuation",
          "[report][html][scale]") {
  const std::string page = render(ReportFormat::kHtml, registry_in_text_order(), {}, "en");
  CHECK(contains(page, "Outsourcing \u00B7 Tier 2 \u00B7 every 12 months"));
  CHECK_FALSE(contains(page, "\u30FB"));
  CHECK(contains(page, "and 4 more wordings (given with each engagement)"));
}

TEST_CASE("html report isolates each value's text direction", "[report][html]") {
  ReviewResult reversed = conditional_contractor();
  reversed.title = "\u202Eunterminated override";
  const std::string page = render(ReportFormat::kHtml, {reversed}, {});
  CHECK(contains(page, "unicode-bidi: isolate"));
  CHECK(contains(page, "<span class=\"title\">\u202Eunterminated override</span>"));
}

TEST_CASE("html report of a file keeps the record numbers", "[report][html][scale]") {
  const std::string page = render(ReportFormat::kHtml, {conditional_contractor(), rejected_cloud()}, {});
  CHECK(contains(page, "<th rowspan=\"2\">No.</th>"));
  CHECK(contains(page, "<td class=\"number\" rowspan=\"2\">4</td>"));
}

TEST_CASE("md report at scale: the same first page, one row per record", "[report][md][scale]") {
  const std::string text = render(ReportFormat::kMarkdown, registry_in_text_order(), two_invalid_records());
  CHECK(contains(text, "| 市民課 | 100 | 0 | 100 | 0 | 98 | 2 | 0 | 0 |\n"));
  CHECK(contains(text, "| **合計** | **300** | **0** | **300** | **0** | **294** | **6** | **0** | **0** |\n"));
  CHECK(contains(text, "| GEN-02 | 高 | 300 | 定期的な確認の期限（〔日付〕）を過ぎています |\n"));
  CHECK(contains(text, "| OUT-01 | 高 | 300 | ① ISMS認証がありません（期限切れ）（150件） "
                       "② ISMS認証がありません（登録なし）（150件） |\n"));
  CHECK(contains(text, "| R-2 | 業務委託 2 | 情報政策課 | 業務委託 | 2 | 株式会社例示2 | 7000012050002 | 高 | 期限超過 | "
                       "2024-04-03 | 高 GEN-01〜02, OUT-01; 中 OUT-02〜04; GEN-02 2024-04-03; OUT-01②; "
                       "OUT-04: SLA が 2 項目不足しています |\n"));
  CHECK(text.find("| R-9 |") < text.find("| R-10 |"));
  CHECK(count_of(text, "責任者が指名されていません") == 1);
  CHECK(contains(text, "## 無効な記録（審査対象外） 2件（エラー 3 件）\n"));
  CHECK(contains(text, "## 定期確認が不適合の案件 6件\n"));
  CHECK(contains(text, "| 2025-07-01 | PMARK P-1 | 株式会社期限間近 | 4011001098993 | R-7, R-107, R-207 |\n"));
}

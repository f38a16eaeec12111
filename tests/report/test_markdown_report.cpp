// `md` report: the first-page tables, then one row per record by decision, then invalid records.
#include <catch2/catch.hpp>

#include "report_samples.hpp"

using namespace itaku;
using namespace itaku::test;

TEST_CASE("md report: summary, departments, findings by ID, details by decision, invalid records", "[report][md]") {
  const std::string text = render(ReportFormat::kMarkdown,
                                  {conditional_contractor(), approved_social_media(), rejected_cloud()},
                                  {invalid_record()});
  const auto lines = split_lines(text);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0] == "# 情報セキュリティ審査報告書");
  CHECK(contains(text, "- 基準日: 2025-06-01\n"));

  const std::size_t summary = text.find("## 集計");
  const std::size_t departments = text.find("## 所管課別の状況");
  const std::size_t findings = text.find("## 指摘事項の内訳");
  const std::size_t details = text.find("## 審査結果の明細");
  const std::size_t reject = text.find("### 却下 1件");
  const std::size_t conditional = text.find("### 条件付き承認 1件");
  const std::size_t approve = text.find("### 承認 1件");
  const std::size_t invalid = text.find("## 無効な記録（審査対象外） 1件");
  REQUIRE(summary != std::string::npos);
  REQUIRE(invalid != std::string::npos);
  CHECK(summary < departments);
  CHECK(departments < findings);
  CHECK(findings < details);
  CHECK(details < reject);
  CHECK(reject < conditional);
  CHECK(conditional < approve);
  CHECK(approve < invalid);

  CHECK(contains(text, "| 区分 | 件数 |\n|---|---:|\n| 記録数 | 4 |\n| 審査済み | 3 |\n| 無効 | 1 |\n"
                       "| 却下 | 1 |\n| 条件付き承認 | 1 |\n| 承認 | 1 |\n"));
  CHECK(contains(text, "| 市民課 | 1 | 0 | 1 | 0 | 1 | 0 | 0 | 0 |\n"));
  CHECK(contains(text, "| OUT-09 | 高 | 1 | 再委託の制限条項がありません |\n"));
  CHECK(contains(text, "| CLD-02 | 重大 | 1 | 国外でデータを保管しています |\n"));
  CHECK(contains(text, "| 1 | EX-001 | 窓口受付業務委託 | 市民課 | 業務委託 | 2 | 株式会社例示システムズ | 4011001098993 | 高 | "
                       "期限超過 | 2025-03-25 | 高 GEN-02, OUT-09; 中 OUT-13 |\n"));
  CHECK(contains(text, "| 2 | SNS-7 | 市公式Xアカウント | 秘書広報課 | ソーシャルメディア | 3 |  |  | なし | 確認済み | "
                       "2026-05-01 | 指摘なし |\n"));
  // The certificate lapsing within 90 days of the review date.
  CHECK(contains(text, "| 2025-07-31 | ISMS IS 123456 | 株式会社例示システムズ | 4011001098993 | EX-001 |\n"));

  CHECK(contains(text, "| 記録番号 | 参照番号 | 入力ファイル | エラー箇所 | エラー内容 |\n"));
  CHECK(contains(text, "| 3 | R7-003 | records.jsonl | /vendor/corporate\\_number | "
                       "法人番号のチェックデジットが不正です |\n"));
}

TEST_CASE("md report in English", "[report][md]") {
  const std::string text = render(ReportFormat::kMarkdown, {rejected_cloud()}, {}, "en");
  CHECK(text.rfind("# Information Security Review Report\n", 0) == 0);
  CHECK(contains(text, "## Summary"));
  CHECK(contains(text, "| Records | 1 |"));
  CHECK(contains(text, "| 4 | CL-9 | オンライン申請サービス | デジタル推進課 | External service | 1 | Example Cloud Inc. |  | "
                       "Critical | Failed | 2025-06-01 | Critical CLD-02; Low CLD-08 |\n"));
  CHECK(contains(text, "| CLD-02 | Critical | 1 | Data stored outside Japan |\n"));
  CHECK(contains(text, "## Failed verifications 1\n\n- CL-9 オンライン申請サービス (デジタル推進課)\n"));
  CHECK_FALSE(contains(text, "国外でデータを保管しています"));
  CHECK(contains(text, "## Invalid records (not reviewed) 0\n\nNone\n"));
}

TEST_CASE("md text cannot break a table row or inject markup", "[report][md]") {
  ReviewResult result = approved_social_media();
  result.title = "a|b *bold* <b>x</b>\nnext";
  result.department = "\u202E課報広";  // an override would turn the rest of the row around
  const std::string text = render(ReportFormat::kMarkdown, {result}, {});
  CHECK(contains(text, "| a\\|b \\*bold\\* \\<b\\>x\\</b\\>⏎next |"));
  CHECK_FALSE(contains(text, "<b>"));
  CHECK_FALSE(contains(text, "\u202E"));
}

TEST_CASE("md report with nothing reviewed says so in each section", "[report][md]") {
  const std::string text = render(ReportFormat::kMarkdown, {}, {});
  CHECK(contains(text, "## 所管課別の状況\n\n該当なし\n"));
  CHECK(contains(text, "## 指摘事項の内訳\n\n該当なし\n"));
  CHECK(contains(text, "### 却下 0件\n\n該当なし\n"));
  CHECK(contains(text, "## 無効な記録（審査対象外） 0件\n\n該当なし\n"));
}

// `md` report: summary table first, results table, findings per record, invalid records.
#include <catch2/catch.hpp>

#include "report_samples.hpp"

using namespace itaku;
using namespace itaku::test;

namespace {
bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("md report: summary, results table, findings and invalid records in Japanese", "[report][md]") {
  const std::string text = render(ReportFormat::kMarkdown,
                                  {conditional_contractor(), approved_social_media(), rejected_cloud()},
                                  {invalid_record()});
  const auto lines = split_lines(text);
  REQUIRE_FALSE(lines.empty());
  CHECK(lines[0] == "# 情報セキュリティ審査報告書");
  CHECK(contains(text, "- 基準日: 2025-06-01\n"));

  const std::size_t summary = text.find("## 集計");
  const std::size_t results = text.find("## 審査結果");
  const std::size_t findings = text.find("## 指摘事項");
  const std::size_t invalid = text.find("## 無効な記録（審査対象外）");
  REQUIRE(summary != std::string::npos);
  CHECK(summary < results);
  CHECK(results < findings);
  CHECK(findings < invalid);

  CHECK(contains(text, "| 区分 | 件数 |\n|---|---:|\n| 記録数 | 4 |\n| 審査済み | 3 |\n| 無効 | 1 |\n"
                       "| 却下 | 1 |\n| 条件付き承認 | 1 |\n| 承認 | 1 |\n"));
  CHECK(contains(text, "| 1 | EX-001 | 窓口受付業務委託 | 市民課 | 業務委託 | 2 | 条件付き承認 | 高 | 期限超過 | "
                       "2025-03-25 | 3 |\n"));
  CHECK(contains(text, "| 2 | SNS-7 | 市公式Xアカウント | 秘書広報課 | ソーシャルメディア | 3 | 承認 | なし | 確認済み | "
                       "2026-05-01 | 0 |\n"));
  // Results keep input order.
  CHECK(text.find("| 1 | EX-001") < text.find("| 2 | SNS-7"));
  CHECK(text.find("| 2 | SNS-7") < text.find("| 4 | CL-9"));

  CHECK(contains(text, "### EX-001 窓口受付業務委託（市民課）\n"));
  CHECK(contains(text, "| OUT-09 | 高 | 再委託の制限条項がありません |\n"));
  CHECK(contains(text, "| CLD-02 | 重大 | 国外でデータを保管しています |\n"));
  CHECK_FALSE(contains(text, "### SNS-7"));  // no findings, no section

  CHECK(contains(text, "| 記録番号 | 参照番号 | 入力ファイル | エラー箇所 | エラー内容 |\n"));
  CHECK(contains(text, "| 3 | R7-003 | records.jsonl | /vendor/corporate\\_number | "
                       "法人番号のチェックデジットが不正です |\n"));
}

TEST_CASE("md report in English", "[report][md]") {
  const std::string text = render(ReportFormat::kMarkdown, {rejected_cloud()}, {}, "en");
  CHECK(text.rfind("# Information Security Review Report\n", 0) == 0);
  CHECK(contains(text, "## Summary"));
  CHECK(contains(text, "| Records | 1 |"));
  CHECK(contains(text, "| 4 | CL-9 | オンライン申請サービス | デジタル推進課 | External service | 1 | Reject | Critical | "
                       "Failed | 2025-06-01 | 2 |\n"));
  CHECK(contains(text, "| CLD-02 | Critical | Data stored outside Japan |\n"));
  CHECK_FALSE(contains(text, "国外でデータを保管しています"));
  CHECK(contains(text, "## Invalid records (not reviewed)\n\nNone\n"));
}

TEST_CASE("md text cannot break a table row or inject markup", "[report][md]") {
  ReviewResult result = approved_social_media();
  result.title = "a|b *bold* <b>x</b>\nnext";
  const std::string text = render(ReportFormat::kMarkdown, {result}, {});
  CHECK(contains(text, "| a\\|b \\*bold\\* \\<b\\>x\\</b\\> next |"));
  CHECK_FALSE(contains(text, "<b>"));
}

TEST_CASE("md report with nothing reviewed says so in each section", "[report][md]") {
  const std::string text = render(ReportFormat::kMarkdown, {}, {});
  CHECK(contains(text, "## 審査結果\n\n該当なし\n"));
  CHECK(contains(text, "## 指摘事項\n\n該当なし\n"));
  CHECK(contains(text, "## 無効な記録（審査対象外）\n\n該当なし\n"));
}

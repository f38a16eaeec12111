// `xlsx` report: the workbook read back as Excel would read it (unzipped, the sheets' XML
// parsed): four sheets named in the report's language, typed cells (refs and 法人番号 as text,
// dates as date cells), a frozen header and an AutoFilter on every data sheet, results in the
// printed report's order, the invalid records on their own sheet.
#include <catch2/catch.hpp>

#include <sstream>

#include "report_samples.hpp"
#include "xlsx_reader.hpp"

using namespace itaku;
using namespace itaku::test;

namespace {

const std::vector<std::string> kJapaneseSheets = {"概要", "審査結果", "指摘事項", "無効な記録"};
const std::vector<std::string> kEnglishSheets = {"Summary", "Results", "Findings", "Invalid records"};

// The row (1-based) whose column A shows `text`, 0 if none.
unsigned row_starting_with(const ReadSheet& sheet, const std::string& text, unsigned from = 1) {
  for (unsigned row = from; row <= sheet.row_count() + 40; ++row) {
    const auto texts = sheet.row_texts(row);
    if (!texts.empty() && texts.front() == text) return row;
  }
  return 0;
}

std::vector<std::string> column_texts(const ReadSheet& sheet, const std::string& column, unsigned rows) {
  std::vector<std::string> texts;
  for (unsigned row = 2; row <= rows + 1; ++row) texts.push_back(sheet.cell(column + std::to_string(row)).text);
  return texts;
}

}  // namespace

TEST_CASE("xlsx report is a workbook of four sheets named in the report's language", "[report][xlsx]") {
  const std::string ja = render(ReportFormat::kXlsx, {conditional_contractor()}, {invalid_record()});
  REQUIRE(ja.substr(0, 2) == "PK");  // a ZIP file
  CHECK(ReadWorkbook(ja).sheet_names() == kJapaneseSheets);
  const std::string en = render(ReportFormat::kXlsx, {conditional_contractor()}, {invalid_record()}, "en");
  CHECK(ReadWorkbook(en).sheet_names() == kEnglishSheets);
}

TEST_CASE("xlsx report: one row per engagement in decision order, refs and 法人番号 as text, dates as dates",
          "[report][xlsx]") {
  // Input order deliberately differs from the sheet's order (却下, 条件付き承認, 承認).
  const ReadWorkbook book(
      render(ReportFormat::kXlsx, {approved_social_media(), conditional_contractor(), rejected_cloud()}, {}));
  const ReadSheet results = book.sheet("審査結果");
  CHECK(results.row_texts(1) ==
        std::vector<std::string>{"記録番号", "参照番号", "所管課", "件名", "種別", "事業者", "法人番号", "判定",
                                 "リスクレベル", "リスク区分", "定期確認", "次回確認期限", "確認間隔（月）", "指摘数",
                                 "指摘ID一覧"});
  CHECK(column_texts(results, "B", 3) == std::vector<std::string>{"CL-9", "EX-001", "SNS-7"});
  CHECK(column_texts(results, "H", 3) == std::vector<std::string>{"却下", "条件付き承認", "承認"});

  const ReadCell ref = results.cell("B3");
  CHECK(ref.type == "s");
  CHECK(ref.text == "EX-001");
  // Excel would show a number as 4.01E+12: the 法人番号 is a shared string.
  const ReadCell corporate_number = results.cell("G3");
  CHECK(corporate_number.type == "s");
  CHECK(corporate_number.text == "4011001098993");
  CHECK_FALSE(results.cell("G2").present);  // a vendor without a 法人番号: no cell
  // 2025-03-25 is day 45741 of Excel's calendar, shown yyyy-mm-dd.
  const ReadCell next_due = results.cell("L3");
  CHECK(next_due.type.empty());
  CHECK(next_due.value == "45741");
  CHECK(next_due.number_format == "yyyy-mm-dd");
  CHECK(results.cell("A3").value == "1");  // the record number is a number
  CHECK(results.cell("A3").type.empty());
  CHECK(results.cell("N3").value == "3");
  CHECK(results.cell("O3").text == "GEN-02, OUT-09, OUT-13");
  CHECK(results.cell("O4").text.empty());
  CHECK(results.cell("E3").text == "業務委託");
  CHECK(results.cell("K3").text == "期限超過");

  // Header frozen, AutoFilter over the header and the three rows of 15 columns.
  REQUIRE(results.pane());
  CHECK(std::string(results.pane().attribute("ySplit").value()) == "1");
  CHECK(std::string(results.pane().attribute("state").value()) == "frozen");
  CHECK(results.autofilter() == "A1:O4");
}

TEST_CASE("xlsx report: one row per finding, worded in the report's language", "[report][xlsx]") {
  const std::vector<ReviewResult> results = {conditional_contractor(), approved_social_media(), rejected_cloud()};
  const ReadWorkbook ja(render(ReportFormat::kXlsx, results, {}));
  const ReadSheet findings = ja.sheet("指摘事項");
  CHECK(findings.row_texts(1) == std::vector<std::string>{"記録番号", "参照番号", "所管課", "件名", "事業者", "法人番号",
                                                         "判定", "指摘ID", "重大度", "プラグイン", "指摘内容"});
  CHECK(findings.row_count() == 1 + 5);  // the approved record has none
  CHECK(column_texts(findings, "H", 5) == std::vector<std::string>{"CLD-02", "CLD-08", "GEN-02", "OUT-09", "OUT-13"});
  CHECK(findings.row_texts(5) == std::vector<std::string>{"1", "EX-001", "市民課", "窓口受付業務委託",
                                                         "株式会社例示システムズ", "4011001098993", "条件付き承認",
                                                         "OUT-09", "高", "contractor", "再委託の制限条項がありません"});
  CHECK(findings.cell("F5").type == "s");
  CHECK(findings.autofilter() == "A1:K6");
  CHECK(std::string(findings.pane().attribute("state").value()) == "frozen");

  const ReadWorkbook en(render(ReportFormat::kXlsx, results, {}, "en"));
  const ReadSheet english = en.sheet("Findings");
  CHECK(english.cell("H1").text == "Finding ID");
  CHECK(english.cell("K5").text == "No subcontracting clause");
  CHECK(english.cell("I5").text == "High");
}

TEST_CASE("xlsx report: invalid records on their own sheet, in both languages", "[report][xlsx]") {
  RecordError whole = invalid_record();
  whole.record = 7;
  whole.ref.reset();
  whole.path.clear();
  whole.message_ja.clear();  // only the English exists
  const ReadWorkbook book(render(ReportFormat::kXlsx, {approved_social_media()}, {invalid_record(), whole}));
  const ReadSheet errors = book.sheet("無効な記録");
  CHECK(errors.row_texts(1) ==
        std::vector<std::string>{"入力ファイル", "記録番号", "参照番号", "エラー箇所", "エラー内容", "エラー内容（英語）"});
  CHECK(errors.row_texts(2) == std::vector<std::string>{"records.jsonl", "3", "R7-003", "/vendor/corporate_number",
                                                       "法人番号のチェックデジットが不正です", "bad check digit"});
  CHECK(errors.cell("C2").type == "s");
  CHECK(errors.row_texts(3) ==
        std::vector<std::string>{"records.jsonl", "7", "", "（記録全体）", "bad check digit", "bad check digit"});
  CHECK(errors.autofilter() == "A1:F3");
  CHECK(std::string(errors.pane().attribute("ySplit").value()) == "1");
  // Not reviewed, so not on the results sheet.
  CHECK(book.sheet("審査結果").row_count() == 2);
}

TEST_CASE("xlsx report: the summary sheet has the counts, the departments and the findings by ID",
          "[report][xlsx]") {
  const ReadWorkbook book(render(ReportFormat::kXlsx, {conditional_contractor(), approved_social_media(), rejected_cloud()},
                                 {invalid_record()}));
  const ReadSheet summary = book.sheet("概要");
  const unsigned as_of = row_starting_with(summary, "基準日");
  REQUIRE(as_of > 0);
  const std::string date_cell = "B" + std::to_string(as_of);
  CHECK(summary.cell(date_cell).value == "45809");  // 2025-06-01
  CHECK(summary.cell(date_cell).number_format == "yyyy-mm-dd");

  const auto count_after = [&](const std::string& label) {
    const unsigned row = row_starting_with(summary, label);
    REQUIRE(row > 0);
    return summary.row_texts(row);
  };
  CHECK(count_after("記録数") == std::vector<std::string>{"記録数", "4"});
  CHECK(count_after("審査済み") == std::vector<std::string>{"審査済み", "3"});
  CHECK(count_after("却下") == std::vector<std::string>{"却下", "1"});
  CHECK(count_after("条件付き承認") == std::vector<std::string>{"条件付き承認", "1"});
  CHECK(count_after("承認") == std::vector<std::string>{"承認", "1"});
  CHECK(count_after("無効") == std::vector<std::string>{"無効", "1"});

  // 所管課別の状況: reviewed, 却下, 条件付き承認, 承認, then the verification states.
  const unsigned departments = row_starting_with(summary, "所管課別の状況");
  REQUIRE(departments > 0);
  CHECK(summary.row_texts(departments + 1) ==
        std::vector<std::string>{"所管課", "審査済み", "却下", "条件付き承認", "承認", "期限超過", "不適合", "期限間近",
                                 "未確認"});
  CHECK(count_after("市民課") == std::vector<std::string>{"市民課", "1", "0", "1", "0", "1", "0", "0", "0"});
  CHECK(count_after("合計") == std::vector<std::string>{"合計", "3", "1", "1", "1", "1", "1", "0", "0"});

  // 指摘事項の内訳: most severe first.
  const unsigned findings = row_starting_with(summary, "指摘事項の内訳");
  REQUIRE(findings > 0);
  CHECK(summary.row_texts(findings + 1) == std::vector<std::string>{"指摘ID", "重大度", "該当件数", "内容"});
  CHECK(summary.row_texts(findings + 2) ==
        std::vector<std::string>{"CLD-02", "重大", "1", "国外でデータを保管しています"});
  CHECK(count_after("OUT-09") == std::vector<std::string>{"OUT-09", "高", "1", "再委託の制限条項がありません"});

  const ReadWorkbook english(render(ReportFormat::kXlsx, {conditional_contractor()}, {}, "en"));
  const ReadSheet en = english.sheet("Summary");
  CHECK(row_starting_with(en, "Records") > 0);
  CHECK(row_starting_with(en, "By department") > 0);
  CHECK(row_starting_with(en, "Findings by requirement") > 0);
}

TEST_CASE("xlsx report: text shows as given, a stored engagement has no record number", "[report][xlsx]") {
  ReviewResult odd = approved_social_media();
  odd.record = 0;  // reviewed from the registry
  odd.title = "_x0041_ は A ではない\r\n改行\x01";
  odd.department = std::string("bad \xFF byte");
  ReviewResult huge = conditional_contractor();
  huge.title = std::string(40000, 'x');
  const ReadWorkbook book(render(ReportFormat::kXlsx, {odd, huge}, {}));
  const ReadSheet results = book.sheet("審査結果");
  // EX-001 (条件付き承認) comes first, then SNS-7.
  CHECK(results.cell("B3").text == "SNS-7");
  CHECK_FALSE(results.cell("A3").present);
  CHECK(results.cell("D3").text == "_x0041_ は A ではない\r\n改行\x01");
  CHECK(results.cell("C3").text == "bad \xEF\xBF\xBD byte");  // U+FFFD, and the XML stays well-formed
  // Longer than a cell holds: cut, and marked so.
  const std::string cut = results.cell("D2").text;
  CHECK(cut.size() == 32766 + std::string("…").size());
  CHECK(cut.substr(cut.size() - 3) == "…");
}

TEST_CASE("xlsx report without records still has its sheets and headers", "[report][xlsx]") {
  const ReadWorkbook book(render(ReportFormat::kXlsx, {}, {}));
  CHECK(book.sheet_names() == kJapaneseSheets);
  CHECK(book.sheet("審査結果").autofilter() == "A1:O1");
  CHECK(book.sheet("無効な記録").row_count() == 1);
}

TEST_CASE("xlsx report: a failed output is an error", "[report][xlsx]") {
  std::ostringstream out;
  out.setstate(std::ios::badbit);
  auto writer = make_report_writer(ReportFormat::kXlsx, out, "ja");
  writer->begin(date("2025-06-01"));
  writer->add_result(conditional_contractor());
  try {
    writer->finish(summary_of(1, 0, 0, 1, 0));
    FAIL("finish did not throw");
  } catch (const Error& error) {
    CHECK(error.status().code() == ErrorCode::kUnavailable);
  }
}

// `csv` report: BOM, CRLF, RFC 4180 quoting, one row per finding, invalid records as rows.
#include <catch2/catch.hpp>

#include "report_samples.hpp"

using namespace itaku;
using namespace itaku::test;

namespace {

using Row = std::vector<std::string>;

// A strict RFC 4180 reader: rows end with CRLF; a bare LF or CR outside quotes is an error.
std::vector<Row> parse_csv(const std::string& text) {
  std::vector<Row> rows;
  Row row;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      if (!field.empty()) throw std::runtime_error("quote inside an unquoted field");
      quoted = true;
    } else if (c == ',') {
      row.push_back(std::move(field));
      field.clear();
    } else if (c == '\r') {
      if (i + 1 >= text.size() || text[i + 1] != '\n') throw std::runtime_error("CR without LF");
      ++i;
      row.push_back(std::move(field));
      field.clear();
      rows.push_back(std::move(row));
      row.clear();
    } else if (c == '\n') {
      throw std::runtime_error("bare LF ends a row");
    } else {
      field += c;
    }
  }
  if (quoted || !field.empty() || !row.empty()) throw std::runtime_error("last row not ended by CRLF");
  return rows;
}

const Row kJapaneseHeader = {"記録番号", "参照番号",   "種別",       "件名",     "所管課",     "事業者", "法人番号", "リスク区分",
                             "判定",     "リスクレベル", "定期確認",   "次回確認期限", "確認間隔（月）", "指摘ID",
                             "重大度",   "プラグイン", "指摘内容",   "入力ファイル", "エラー箇所", "エラー内容"};

}  // namespace

TEST_CASE("csv report: BOM, Japanese header, CRLF, one row per finding", "[report][csv]") {
  const std::string text =
      render(ReportFormat::kCsv, {conditional_contractor(), approved_social_media()}, {invalid_record()});
  REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
  const auto rows = parse_csv(text.substr(3));
  REQUIRE(rows.size() == 1 + 3 + 1 + 1);  // header, 3 findings, 1 record without findings, 1 invalid
  CHECK(rows[0] == kJapaneseHeader);
  for (const Row& row : rows) CHECK(row.size() == kJapaneseHeader.size());

  // The 法人番号 as ="…", which Excel shows as the digits (not 4.01E+12).
  CHECK(rows[1] == Row{"1", "EX-001", "業務委託", "窓口受付業務委託", "市民課", "株式会社例示システムズ",
                       "=\"4011001098993\"", "2", "条件付き承認", "高", "期限超過", "2025-03-25", "12", "GEN-02", "高",
                       "core", "定期的な確認が期限を過ぎています", "", "", ""});
  CHECK(rows[2][13] == "OUT-09");
  CHECK(rows[3][13] == "OUT-13");
  CHECK(rows[3][14] == "中");

  // A record without findings: one row, finding columns empty, risk なし.
  CHECK(rows[4] == Row{"2", "SNS-7", "ソーシャルメディア", "市公式Xアカウント", "秘書広報課", "", "", "3", "承認", "なし",
                       "確認済み", "2026-05-01", "24", "", "", "", "", "", "", ""});

  // The invalid record: same columns, 判定 says invalid, error columns filled.
  CHECK(rows[5] == Row{"3", "R7-003", "", "", "", "", "", "", "無効（審査対象外）", "", "", "", "", "", "", "", "",
                       "records.jsonl", "/vendor/corporate_number",
                       "法人番号のチェックデジットが不正です"});
}

TEST_CASE("csv report in English", "[report][csv]") {
  const auto rows = parse_csv(render(ReportFormat::kCsv, {rejected_cloud()}, {}, "en").substr(3));
  REQUIRE(rows.size() == 3);
  CHECK(rows[0][0] == "Record");
  CHECK(rows[0][5] == "Vendor");
  CHECK(rows[0][6] == "Corporate number");
  CHECK(rows[0][8] == "Decision");
  CHECK(rows[0][16] == "Finding");
  CHECK(rows[1][2] == "External service");
  CHECK(rows[1][5] == "Example Cloud Inc.");
  CHECK(rows[1][6] == "");  // a vendor without a 法人番号
  CHECK(rows[1][8] == "Reject");
  CHECK(rows[1][9] == "Critical");
  CHECK(rows[1][10] == "Failed");
  CHECK(rows[1][16] == "Data stored outside Japan");
  CHECK(rows[2][14] == "Low");
}

TEST_CASE("csv quoting of commas, quotes and line breaks round-trips", "[report][csv]") {
  ReviewResult result = approved_social_media();
  result.title = "広報, \"公式\" アカウント";
  result.department = "秘書広報課\r\n広報係";
  result.findings = {{"SNS-08", Severity::kLow, "social_media", {"一行目\n二行目", "line one\nline two"}}};
  const std::string text = render(ReportFormat::kCsv, {result}, {});
  CHECK(text.find("\"広報, \"\"公式\"\" アカウント\"") != std::string::npos);
  const auto rows = parse_csv(text.substr(3));
  REQUIRE(rows.size() == 2);
  CHECK(rows[1][3] == result.title);
  CHECK(rows[1][4] == result.department);
  CHECK(rows[1][16] == "一行目\n二行目");
  // Fields that need no quoting are left bare.
  CHECK(text.find("\r\n2,SNS-7,") != std::string::npos);
}

TEST_CASE("csv cells that Excel would run as formulas are made text", "[report][csv]") {
  ReviewResult result = approved_social_media();
  result.title = "=HYPERLINK(\"http://evil\",\"x\")";
  result.department = "@SUM(A1)";
  RecordError error{4, std::nullopt, "", "-1+1", "-", "-1+1"};
  const auto rows = parse_csv(render(ReportFormat::kCsv, {result}, {error}).substr(3));
  REQUIRE(rows.size() == 3);
  CHECK(rows[1][3] == "'=HYPERLINK(\"http://evil\",\"x\")");
  CHECK(rows[1][4] == "'@SUM(A1)");
  CHECK(rows[2][17] == "-");  // stdin keeps its name
  CHECK(rows[2][18] == "（記録全体）");
  CHECK(rows[2][19] == "'-1+1");
}

TEST_CASE("csv report streams rows as records arrive", "[report][csv]") {
  std::ostringstream out;
  auto writer = make_report_writer(ReportFormat::kCsv, out, "ja");
  writer->begin(date("2025-06-01"));
  writer->add_result(rejected_cloud());
  CHECK(parse_csv(out.str().substr(3)).size() == 3);
  writer->finish(summary_of(1, 0, 0, 0, 1));
  CHECK(parse_csv(out.str().substr(3)).size() == 3);
}

TEST_CASE("csv report with no records has the BOM and header only", "[report][csv]") {
  const std::string text = render(ReportFormat::kCsv, {}, {});
  const auto rows = parse_csv(text.substr(3));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0] == kJapaneseHeader);
}

TEST_CASE("csv report: an invalid record's problem in the report's language", "[report][csv]") {
  const auto japanese = parse_csv(render(ReportFormat::kCsv, {}, {invalid_record()}, "ja").substr(3));
  const auto english = parse_csv(render(ReportFormat::kCsv, {}, {invalid_record()}, "en").substr(3));
  REQUIRE(japanese.size() == 2);
  REQUIRE(english.size() == 2);
  CHECK(japanese[1].back() == "法人番号のチェックデジットが不正です");
  CHECK(english[1].back() == "bad check digit");
}

TEST_CASE("csv report: a stored engagement has no record number, and only digits become =\"…\"", "[report][csv]") {
  ReviewResult stored = conditional_contractor();
  stored.record = 0;  // review --registry
  stored.vendor->corporate_number = "=1+1";  // cannot pass validation, but must not become a formula
  const auto rows = parse_csv(render(ReportFormat::kCsv, {stored}, {}).substr(3));
  REQUIRE(rows.size() == 4);
  CHECK(rows[1][0] == "");
  CHECK(rows[1][6] == "'=1+1");
}

TEST_CASE("csv report: a formula after spaces or a line break, or in full width, is made text", "[report][csv]") {
  for (const std::string title : {"\n=1+1", " =1+1", "  @SUM(A1)", "\uFF1D1+1", "\uFF20x"}) {
    ReviewResult result = approved_social_media();
    result.title = title;
    const auto rows = parse_csv(render(ReportFormat::kCsv, {result}, {}, "ja").substr(3));
    REQUIRE(rows.size() == 2);
    INFO(title);
    CHECK(rows[1][3] == "'" + title);
  }
  ReviewResult plain = approved_social_media();
  plain.title = "-";
  CHECK(parse_csv(render(ReportFormat::kCsv, {plain}, {}, "ja").substr(3))[1][3] == "-");
}

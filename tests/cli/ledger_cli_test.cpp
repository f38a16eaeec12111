// `itaku import LEDGER --mapping MAP.json` on the real contract list (docs/ledger.md): as published
// (UTF-8), as Excel on Japanese Windows saves it (Shift_JIS), as a workbook with real date cells,
// and as a CSV that Excel re-saved and damaged. The test makes each form itself from the file.
#include <catch2/catch.hpp>

#include <iconv.h>
#include <xlsxwriter.h>

#include <map>
#include <set>
#include <nlohmann/json.hpp>

#include "cli/run_itaku.hpp"
#include "io/csv_reader.hpp"
#include "io/xlsx_reader.hpp"
#include "registry/test_databases.hpp"
#include "test_paths.hpp"

using itaku::test::read_file;
using itaku::test::run_itaku;
using itaku::test::ScratchDir;
using itaku::test::write_file;
using nlohmann::json;

namespace {

const std::string kLedger = "cfa_procurement_contracts.csv";
const std::string kMapping = std::string(ITAKU_SOURCE_DIR) + "/examples/ledger/cfa_procurement_mapping.json";
// What the published list holds (checked independently below): 557 rows, 24 of them footnotes
// copied from the source sheets, one 法人番号 whose check digit fails.
constexpr std::size_t kRows = 557;
constexpr std::size_t kFootnotes = 24;

std::vector<std::vector<std::string>> csv_rows(const std::string& text) {
  std::istringstream in(text);
  itaku::detail::CsvReader reader(in);
  itaku::detail::CsvRow row;
  std::vector<std::vector<std::string>> rows;
  while (reader.read_row(row)) rows.push_back(row.fields);
  return rows;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string csv_text(const std::vector<std::vector<std::string>>& rows) {
  std::string text;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) text += (i ? "," : "") + csv_field(row[i]);
    text += "\r\n";
  }
  return text;
}

// CP932 as Excel writes it: a character CP932 lacks (the real list has 𠮷) becomes "?".
std::string to_cp932(const std::string& utf8) {
  iconv_t handle = iconv_open("CP932", "UTF-8");
  REQUIRE(handle != reinterpret_cast<iconv_t>(-1));
  std::string out;
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size();
  char buffer[4096];
  while (in_left > 0) {
    char* out_at = buffer;
    std::size_t out_left = sizeof buffer;
    const std::size_t done = iconv(handle, &in, &in_left, &out_at, &out_left);
    out.append(buffer, sizeof buffer - out_left);
    if (done == static_cast<std::size_t>(-1) && errno == EILSEQ) {
      out += '?';
      std::size_t skip = 1;
      while (skip < in_left && (static_cast<unsigned char>(in[skip]) & 0xC0) == 0x80) ++skip;
      in += skip;
      in_left -= skip;
    }
  }
  iconv_close(handle);
  return out;
}

std::size_t column_of(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  FAIL("no column " << name);
  return 0;
}

json import_json(const std::vector<std::string>& args) {
  const auto run = run_itaku(args);
  INFO(run.err);
  return json::parse(run.out);
}

}  // namespace

TEST_CASE("the real contract ledger goes in with its mapping in one run: rows imported, footnotes set aside, "
          "the one bad 法人番号 named by row, column and value",
          "[cli][ledger][realdata]") {
  const std::string backend = GENERATE(from_range(itaku::test::registry_backends()));
  INFO(backend);
  itaku::test::TestDatabase database(backend);
  const std::string ledger = itaku::test::realdata_file(kLedger).string();
  const auto rows = csv_rows(read_file(ledger));
  REQUIRE(rows.size() == kRows + 1);

  // Without --skip-invalid nothing is written, and every problem is listed.
  const auto refused = run_itaku({"import", ledger, "--mapping", kMapping, "--db", database.location()});
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.out, Catch::Contains("UTF-8 として読みました（見出しは 1 行目）"));
  CHECK_THAT(refused.out, Catch::Contains("列「corporate_number」の値「"));
  CHECK_THAT(refused.out, Catch::Contains("登録簿は変更していません"));
  std::size_t skipped_lines = 0;
  for (std::size_t at = refused.out.find("読み飛ばしました（注記"); at != std::string::npos;
       at = refused.out.find("読み飛ばしました（注記", at + 1)) {
    ++skipped_lines;
  }
  CHECK(skipped_lines == kFootnotes);

  const json report = import_json({"import", ledger, "--mapping", kMapping, "--skip-invalid", "--format", "json",
                                   "--db", database.location()});
  CHECK(report["written"] == true);
  CHECK(report["created"] == kRows - kFootnotes - 1);
  CHECK(report["invalid"] == 1);
  REQUIRE(report["errors"].size() == 1);
  const json& error = report["errors"][0];
  CHECK(error["path"] == "/vendor/corporate_number");
  CHECK(error["ledger_column"] == "corporate_number");
  const std::string bad_number = error["cell"];
  // The row number is the file's own row: the header is row 1, so data row N is row N + 1.
  const std::size_t row = error["record"];
  REQUIRE(row >= 2);
  CHECK(rows[row - 1][column_of(rows[0], "corporate_number")] == bad_number);
  CHECK(error["ref"] == "CFA-" + rows[row - 1][0]);
  REQUIRE(report["ledgers"].size() == 1);
  CHECK(report["ledgers"][0]["skipped_rows"].size() == kFootnotes);
  CHECK(report["ledgers"][0]["ignored_columns"] == json::array({"source_file"}));

  // What the ledger said is kept: the columns without a record field are shown.
  const auto show = run_itaku({"show", "CFA-1", "--db", database.location()});
  CHECK(show.exit_code == 0);
  CHECK_THAT(show.out, Catch::Contains("契約金額: 8980020") && Catch::Contains("契約方式: 随意契約"));
  CHECK_THAT(show.out, Catch::Contains("2023-04-01"));

  // The same file again changes nothing.
  const json again = import_json({"import", ledger, "--mapping", kMapping, "--skip-invalid", "--format", "json",
                                  "--db", database.location()});
  CHECK(again["unchanged"] == kRows - kFootnotes - 1);
  CHECK(again["created"] == 0);
  CHECK(again["updated"] == 0);
}

TEST_CASE("the real ledger saved by Excel as Shift_JIS imports the same, and the summary says Shift_JIS", "[cli][ledger][realdata]") {
  ScratchDir dir("ledger-sjis");
  const std::string utf8 = read_file(itaku::test::realdata_file(kLedger));
  write_file(dir / "ledger.csv", to_cp932(utf8));
  const std::string db = (dir / "r.db").string();
  const json report = import_json({"import", (dir / "ledger.csv").string(), "--mapping", kMapping, "--skip-invalid",
                                   "--format", "json", "--db", db});
  CHECK(report["ledgers"][0]["encoding"] == "Shift_JIS (CP932)");
  CHECK(report["created"] == kRows - kFootnotes - 1);
  const auto show = run_itaku({"show", "CFA-3", "--format", "json", "--db", db});
  REQUIRE(show.exit_code == 0);
  CHECK(json::parse(show.out)["record"]["vendor"]["name"] == "ソフトバンク株式会社");
}

TEST_CASE("the real ledger as a workbook with a title row and real date and number cells imports the same",
          "[cli][ledger][realdata][xlsx]") {
  ScratchDir dir("ledger-xlsx");
  const auto rows = csv_rows(read_file(itaku::test::realdata_file(kLedger)));
  const std::string path = (dir / "ledger.xlsx").string();
  lxw_workbook* workbook = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "契約台帳");
  lxw_format* date_format = workbook_add_format(workbook);
  format_set_num_format(date_format, "yyyy/m/d");
  worksheet_write_string(sheet, 0, 0, "こども家庭庁 契約一覧（令和5〜7年度）", nullptr);
  const std::size_t date_column = column_of(rows[0], "contract_date");
  const std::size_t number_column = column_of(rows[0], "corporate_number");
  const std::size_t amount_column = column_of(rows[0], "contract_amount");
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const auto sheet_row = static_cast<lxw_row_t>(r + 2);  // a title row, a blank row, then the header
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& cell = rows[r][c];
      const auto column = static_cast<lxw_col_t>(c);
      if (cell.empty()) continue;
      if (r > 0 && c == date_column && cell.size() == 8) {
        lxw_datetime date = {std::stoi(cell.substr(0, 4)), std::stoi(cell.substr(4, 2)), std::stoi(cell.substr(6, 2)), 0, 0, 0};
        worksheet_write_datetime(sheet, sheet_row, column, &date, date_format);
      } else if (r > 0 && (c == number_column || c == amount_column) && cell.find_first_not_of("0123456789") == std::string::npos) {
        // Typed into Excel, a 法人番号 is a number: 13 digits survive in the cell (not in a re-saved CSV).
        worksheet_write_number(sheet, sheet_row, column, std::stod(cell), nullptr);
      } else {
        worksheet_write_string(sheet, sheet_row, column, cell.c_str(), nullptr);
      }
    }
  }
  REQUIRE(workbook_close(workbook) == LXW_NO_ERROR);

  const std::string db = (dir / "r.db").string();
  const json report =
      import_json({"import", path, "--mapping", kMapping, "--skip-invalid", "--format", "json", "--db", db});
  CHECK(report["ledgers"][0]["sheet"] == "契約台帳");
  CHECK(report["ledgers"][0]["header_row"] == 3);
  CHECK(report["created"] == kRows - kFootnotes - 1);
  CHECK(report["invalid"] == 1);
  const auto show = run_itaku({"show", "CFA-1", "--format", "json", "--db", db});
  REQUIRE(show.exit_code == 0);
  const json engagement = json::parse(show.out)["record"];
  CHECK(engagement["period"]["start"] == "2023-04-01");
  CHECK(engagement["vendor"]["corporate_number"] == "4010001012551");
  CHECK(engagement["ledger"]["契約金額"] == "8980020");
}

TEST_CASE("a ledger Excel re-saved (dates 2023/4/1, 法人番号 as 4.01E+12) says Excel did it and how to keep the digits",
          "[cli][ledger][realdata]") {
  ScratchDir dir("ledger-excel");
  auto rows = csv_rows(read_file(itaku::test::realdata_file(kLedger)));
  const std::size_t date_column = column_of(rows[0], "contract_date");
  const std::size_t number_column = column_of(rows[0], "corporate_number");
  std::size_t numbers = 0;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    std::string& date = rows[r][date_column];
    if (date.size() == 8) {
      date = date.substr(0, 4) + "/" + std::to_string(std::stoi(date.substr(4, 2))) + "/" + std::to_string(std::stoi(date.substr(6, 2)));
    }
    std::string& number = rows[r][number_column];
    if (number.size() == 13) {
      number = number.substr(0, 1) + "." + number.substr(1, 2) + "E+12";  // "General" shows 3 significant digits
      ++numbers;
    }
  }
  write_file(dir / "resaved.csv", csv_text(rows));
  const json report = import_json({"import", (dir / "resaved.csv").string(), "--mapping", kMapping, "--format", "json",
                                   "--db", (dir / "r.db").string()});
  CHECK(report["written"] == false);
  CHECK(report["invalid"] == numbers);
  std::set<std::string> paths;
  for (const auto& error : report["errors"]) {
    paths.insert(error["path"].get<std::string>());
    CHECK_THAT(error["message_ja"].get<std::string>(), Catch::Contains("Excel") && Catch::Contains("文字列"));
  }
  // The dates Excel rewrote are read; only the destroyed numbers are refused.
  CHECK(paths == std::set<std::string>{"/vendor/corporate_number"});
}

TEST_CASE("a small ledger in office spellings: every problem in one run, --dry-run shows the records, "
          "--skip-invalid imports the rest",
          "[cli][ledger]") {
  ScratchDir dir("ledger-small");
  write_file(dir / "map.json", R"({
    "ref": "R5-{番号}",
    "columns": {"件名": "title", "担当課": "department", "契約日": "period.start", "終了日": "period.end",
                "相手方": "vendor.name", "法人番号": "vendor.corporate_number", "個人情報": "information.personal_data",
                "機密性": "information.confidentiality"},
    "defaults": {"kind": "contractor", "information.confidentiality": 2, "information.integrity": 1,
                 "information.availability": 1}
  })");
  write_file(dir / "ledger.csv",
             "番号,件名,担当課,契約日,終了日,相手方,法人番号,個人情報,機密性,金額\n"
             "１,窓口業務,市民課,令和5年4月1日,R6.3.31,株式会社テスト,４０１１００１０９８９９３,有,３,100\n"
             "2,保守,情報課,平成31年5月1日,,株式会社テスト,4011001098993,はい,,200\n"
             "3,清掃,総務課,2023/4/1,,株式会社テスト,4011001098993,たぶん,4,300\n"
             "4,,総務課,2023-04-01,,株式会社テスト,,TRUE,,400\n"
             "5,印刷,広報課,令和元年5月1日,,株式会社テスト,,×,,500\n"
             "※金額は税込み,,,,,,,,,\n");
  const std::string db = (dir / "r.db").string();
  REQUIRE(run_itaku({"init", "--db", db}).exit_code == 0);
  const auto dry = run_itaku({"import", (dir / "ledger.csv").string(), "--mapping", (dir / "map.json").string(),
                              "--dry-run", "--db", db});
  CHECK(dry.exit_code == 2);
  // Rows 3, 4 and 5 (row 3 twice), each with its column and value, Japanese first.
  CHECK_THAT(dry.out, Catch::Contains("ledger.csv:3: R5-2: 列「契約日」の値「平成31年5月1日」"));
  CHECK_THAT(dry.out, Catch::Contains("ledger.csv:4: R5-3: 列「個人情報」の値「たぶん」"));
  CHECK_THAT(dry.out, Catch::Contains("ledger.csv:4: R5-3: 列「機密性」の値「4」"));
  CHECK_THAT(dry.out, Catch::Contains("ledger.csv:5: R5-4: 列「件名」の値「」"));
  CHECK_THAT(dry.out, Catch::Contains("ledger.csv:7: 読み飛ばしました（注記"));
  CHECK_THAT(dry.out, Catch::Contains("最初の記録（登録される形）"));
  CHECK_THAT(dry.out, Catch::Contains("\"ref\": \"R5-1\""));
  CHECK_THAT(dry.out, Catch::Contains("\"end\": \"2024-03-31\""));
  CHECK_THAT(dry.out, Catch::Contains("\"金額\": \"100\""));
  CHECK(run_itaku({"export", "--db", db}).out.empty());  // a dry run writes nothing

  const json report = import_json({"import", (dir / "ledger.csv").string(), "--mapping", (dir / "map.json").string(),
                                   "--skip-invalid", "--format", "json", "--db", db});
  CHECK(report["created"] == 2);
  CHECK(report["invalid"] == 3);
  const auto show = run_itaku({"show", "R5-1", "--format", "json", "--db", db});
  REQUIRE(show.exit_code == 0);
  const json engagement = json::parse(show.out)["record"];
  CHECK(engagement["vendor"]["corporate_number"] == "4011001098993");
  CHECK(engagement["information"]["confidentiality"] == 3);
  CHECK(engagement["information"]["personal_data"] == true);
  CHECK(engagement["period"]["start"] == "2023-04-01");
  const auto fifth = run_itaku({"show", "R5-5", "--format", "json", "--db", db});
  CHECK(json::parse(fifth.out)["record"]["period"]["start"] == "2019-05-01");
}

TEST_CASE("a mapping with mistakes is refused before any row is read, every mistake named", "[cli][ledger]") {
  ScratchDir dir("ledger-map");
  write_file(dir / "map.json", R"({"columns": {"件名": "titel", "担当": "department"}, "defaults": {"kind": "contractor"}})");
  write_file(dir / "ledger.csv", "番号,件名,担当課\n1,保守,情報課\n");
  const auto run = run_itaku({"import", (dir / "ledger.csv").string(), "--mapping", (dir / "map.json").string(),
                              "--db", (dir / "r.db").string()});
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, Catch::Contains("/columns/件名") && Catch::Contains("\"titel\""));
}

TEST_CASE("the register as a workbook goes back in without a mapping: the same state, and an edit made in the "
          "workbook changes that one engagement only",
          "[cli][ledger][realdata][xlsx]") {
  ScratchDir dir("ledger-roundtrip");
  const std::string first = (dir / "first.db").string(), second = (dir / "second.db").string();
  const std::string ledger = itaku::test::realdata_file(kLedger).string();
  REQUIRE(import_json({"import", ledger, "--mapping", kMapping, "--skip-invalid", "--format", "json", "--db", first})["created"] ==
          kRows - kFootnotes - 1);
  const std::string workbook = (dir / "register.xlsx").string();
  REQUIRE(run_itaku({"export", "--format", "xlsx", "-o", workbook, "--db", first}).exit_code == 0);

  const json again = import_json({"import", workbook, "--format", "json", "--db", second});
  CHECK(again["invalid"] == 0);
  CHECK(again["created"] == kRows - kFootnotes - 1);
  const std::string original = run_itaku({"export", "--db", first}).out;
  CHECK(run_itaku({"export", "--db", second}).out == original);
  // The CSV register carries the ledger columns too, and goes back in unchanged.
  const std::string csv = (dir / "register.csv").string();
  REQUIRE(run_itaku({"export", "--format", "csv", "-o", csv, "--db", first}).exit_code == 0);
  CHECK(import_json({"import", csv, "--format", "json", "--db", first})["unchanged"] == kRows - kFootnotes - 1);

  // A clerk's edit, saved the way Excel saves: every cell rewritten (shared strings, dates in the
  // ja-JP display format, numbers as numbers), one title changed.
  const auto sheet = itaku::detail::read_xlsx_sheet(workbook, std::nullopt);
  REQUIRE(sheet.is_ok());
  const std::string edited = (dir / "edited.xlsx").string();
  lxw_workbook* book = workbook_new(edited.c_str());
  lxw_worksheet* out = workbook_add_worksheet(book, sheet->sheet.c_str());
  lxw_format* date_format = workbook_add_format(book);
  format_set_num_format(date_format, "yyyy/m/d");
  const auto& header = sheet->rows.front().cells;
  std::size_t title_column = header.size();
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c].find("(title)") != std::string::npos) title_column = c;
  }
  REQUIRE(title_column < header.size());
  std::string edited_ref;
  for (std::size_t r = 0; r < sheet->rows.size(); ++r) {
    const auto& cells = sheet->rows[r].cells;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      std::string cell = cells[c];
      if (cell.empty()) continue;
      const auto row = static_cast<lxw_row_t>(r);
      const auto column = static_cast<lxw_col_t>(c);
      const bool iso_date = r > 0 && cell.size() == 10 && cell[4] == '-' && cell[7] == '-';
      const bool small_number = r > 0 && cell.size() < 3 && cell.find_first_not_of("0123456789") == std::string::npos;
      if (r == 5 && c == title_column) {
        cell += "（令和7年度変更）";
        edited_ref = cells[0];
      }
      if (iso_date) {
        lxw_datetime date = {std::stoi(cell.substr(0, 4)), std::stoi(cell.substr(5, 2)), std::stoi(cell.substr(8, 2)), 0, 0, 0};
        worksheet_write_datetime(out, row, column, &date, date_format);
      } else if (small_number) {
        worksheet_write_number(out, row, column, std::stod(cell), nullptr);
      } else if (r > 0 && (cell == "TRUE" || cell == "FALSE")) {
        worksheet_write_boolean(out, row, column, cell == "TRUE", nullptr);
      } else {
        worksheet_write_string(out, row, column, cell.c_str(), nullptr);
      }
    }
  }
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);
  const json changed = import_json({"import", edited, "--format", "json", "--db", second});
  CHECK(changed["invalid"] == 0);
  CHECK(changed["updated"] == 1);
  CHECK(changed["unchanged"] == kRows - kFootnotes - 2);
  REQUIRE(changed["changes"].size() == 1);
  CHECK(changed["changes"][0]["ref"] == edited_ref);
}

TEST_CASE("a review of imported ledger rows carries their ledger columns in its results", "[cli][ledger][realdata]") {
  ScratchDir dir("ledger-review");
  const std::string db = (dir / "r.db").string();
  import_json({"import", itaku::test::realdata_file(kLedger).string(), "--mapping", kMapping, "--skip-invalid",
               "--format", "json", "--db", db});
  const auto review = run_itaku({"review", "--registry", "--as-of", "2025-06-01", "--fail-on", "never", "--db", db});
  REQUIRE(review.exit_code == 0);
  const json report = json::parse(review.out);
  bool found = false;
  for (const auto& result : report["results"]) {
    if (result["ref"] != "CFA-1") continue;
    CHECK(result["ledger"]["契約金額"] == "8980020");
    found = true;
  }
  CHECK(found);
}

TEST_CASE("ledger keys that look like Itaku's own headers survive the register workbook", "[cli][ledger][xlsx]") {
  ScratchDir dir("ledger-keys");
  const std::string db = (dir / "r.db").string();
  json record = json::parse(R"({"ref": "K-1", "kind": "contractor", "title": "保守", "department": "情報課",
      "vendor": {"name": "株式会社テスト"}, "information": {"confidentiality": 2, "integrity": 1, "availability": 1},
      "period": {"start": "2024-04-01"}})");
  record["ledger"] = {{"x (ledger.y)", "1"}, {"(ledger.", "2"}, {"a.b/c~d", "3"}, {" 前後の空白 ", "4"}};
  write_file(dir / "r.jsonl", record.dump() + "\n");
  REQUIRE(run_itaku({"import", (dir / "r.jsonl").string(), "--db", db}).exit_code == 0);
  const std::string workbook = (dir / "r.xlsx").string();
  REQUIRE(run_itaku({"export", "--format", "xlsx", "-o", workbook, "--db", db}).exit_code == 0);
  const json again = import_json({"import", workbook, "--format", "json", "--db", db});
  CHECK(again["unchanged"] == 1);
  CHECK(again["updated"] == 0);
}

// read_xlsx_sheet on workbooks written the way Excel writes a ledger (libxlsxwriter) and on
// hand-built packages for what libxlsxwriter never writes: furigana, namespace prefixes, the
// 1904 date system, damaged or hostile files.
#include <catch2/catch.hpp>

#include <stdlib.h>  // mkdtemp
#include <xlsxwriter.h>
#include <zip.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "io/xlsx_reader.hpp"

namespace {

namespace fs = std::filesystem;
using itaku::ErrorCode;
using itaku::detail::read_xlsx_sheet;
using itaku::detail::SheetRow;
using itaku::detail::SheetTable;
using itaku::detail::XlsxLimits;
using Cells = std::vector<std::string>;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "itaku-xlsx-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  REQUIRE(out.good());
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

using Parts = std::vector<std::pair<std::string, std::string>>;

void write_zip(const std::string& path, const Parts& parts) {
  int error = 0;
  zip_t* zip = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  REQUIRE(zip != nullptr);
  for (const auto& [name, content] : parts) {
    zip_source_t* source = zip_source_buffer(zip, content.data(), content.size(), 0);
    REQUIRE(source != nullptr);
    REQUIRE(zip_file_add(zip, name.c_str(), source, ZIP_FL_OVERWRITE) >= 0);
  }
  REQUIRE(zip_close(zip) == 0);
}

constexpr const char* kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string worksheet(const std::string& sheet_data) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"") + kMain +
         "\"><sheetData>" + sheet_data + "</sheetData></worksheet>";
}

struct Relationship {
  std::string id;
  std::string type;  // the full type URI
  std::string target;
};

std::string relationships(const std::vector<Relationship>& list) {
  std::string xml = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (const Relationship& r : list) {
    xml += "<Relationship Id=\"" + r.id + "\" Type=\"" + r.type + "\" Target=\"" + r.target + "\"/>";
  }
  return xml + "</Relationships>";
}

std::string transitional(const std::string& type) { return std::string(kRelNs) + "/" + type; }

// A one-sheet package as Excel lays it out; empty strings leave a part out.
Parts hand_built_book(const std::string& sheet_xml, const std::string& shared_strings = "",
                      const std::string& styles = "", const std::string& workbook_pr = "") {
  Parts parts{
      {"[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"},
      {"_rels/.rels", relationships({{"rId1", transitional("officeDocument"), "xl/workbook.xml"}})},
      {"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRelNs + "\">" + workbook_pr +
                              "<sheets><sheet name=\"台帳\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
      {"xl/_rels/workbook.xml.rels", relationships({{"rId1", transitional("worksheet"), "worksheets/sheet1.xml"},
                                                    {"rId2", transitional("sharedStrings"), "sharedStrings.xml"},
                                                    {"rId3", transitional("styles"), "styles.xml"}})},
      {"xl/worksheets/sheet1.xml", sheet_xml}};
  if (!shared_strings.empty()) parts.emplace_back("xl/sharedStrings.xml", shared_strings);
  if (!styles.empty()) parts.emplace_back("xl/styles.xml", styles);
  return parts;
}

// Cell formats 0: General, 1: built-in 14 (m/d/yyyy), 2: custom yyyy/m/d, 3: custom h:mm.
std::string date_styles() {
  return std::string("<styleSheet xmlns=\"") + kMain +
         "\"><numFmts count=\"2\"><numFmt numFmtId=\"164\" formatCode=\"yyyy/m/d\"/>"
         "<numFmt numFmtId=\"165\" formatCode=\"h:mm\"/></numFmts><cellXfs count=\"4\"><xf numFmtId=\"0\"/>"
         "<xf numFmtId=\"14\" applyNumberFormat=\"1\"/><xf numFmtId=\"164\"/><xf "
         "numFmtId=\"165\"/></cellXfs></styleSheet>";
}

SheetTable read_ok(const std::string& path, const std::optional<std::string>& sheet = std::nullopt) {
  auto result = read_xlsx_sheet(path, sheet);
  INFO(result.status().message());
  REQUIRE(result.is_ok());
  return std::move(result).value();
}

// One message "日本語 / English": Japanese first, and no " / " inside it.
void check_failure(const itaku::Result<SheetTable>& result, ErrorCode code, std::initializer_list<std::string> parts) {
  REQUIRE_FALSE(result.is_ok());
  const std::string& message = result.status().message();
  INFO(message);
  CHECK(result.status().code() == code);
  const std::size_t split = message.find(" / ");
  REQUIRE(split != std::string::npos);
  const std::string japanese = message.substr(0, split);
  CHECK(std::any_of(japanese.begin(), japanese.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }));
  for (const std::string& part : parts) CHECK(message.find(part) != std::string::npos);
}

// The ledger as a ja-JP office keeps it: a title row, a blank row, the header row, then one
// row per contract with numbers, dates in several formats, booleans, formulas and gaps.
void write_ledger(const std::string& path) {
  lxw_workbook* book = workbook_new(path.c_str());
  REQUIRE(book != nullptr);
  lxw_worksheet* ledger = workbook_add_worksheet(book, "契約台帳");
  lxw_worksheet* vendors = workbook_add_worksheet(book, "委託先");
  const auto number_format = [&](const char* code) {
    lxw_format* format = workbook_add_format(book);
    format_set_num_format(format, code);
    return format;
  };
  lxw_format* digits = number_format("0");
  lxw_format* amount = number_format("#,##0");
  lxw_format* slash_date = number_format("yyyy/m/d");
  lxw_format* gannen = number_format("[$-ja-JP-x-gannen]ggge\"年\"m\"月\"d\"日\";@");
  lxw_format* era = number_format("[$-411]ggge年m月d日");
  lxw_format* date_time = number_format("yyyy/mm/dd hh:mm:ss");
  lxw_format* clock = number_format("h:mm");
  lxw_format* builtin_era = workbook_add_format(book);
  format_set_num_format_index(builtin_era, 57);  // [$-411]ge.m.d in a ja-JP workbook
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);

  const lxw_datetime april_first{2025, 4, 1, 0, 0, 0};
  const lxw_datetime morning{2025, 4, 1, 9, 30, 15};
  worksheet_write_string(ledger, 0, 0, "令和7年度 業務委託 契約台帳", bold);
  worksheet_write_blank(ledger, 1, 1, bold);  // formatted but empty: the row holds no text
  const char* headers[] = {"契約番号",       "委託先名", "法人番号", "契約金額", "単価", "契約日",   "締結日（和暦）",
                           "締結日（令和）", "登録日時", "個人情報", "区分",     "備考", "開始時刻", "締結日（元号）"};
  for (lxw_col_t column = 0; column < 14; ++column) worksheet_write_string(ledger, 2, column, headers[column], bold);

  worksheet_write_string(ledger, 3, 0, "R7-001", nullptr);
  std::string company = "株式会社";
  std::string name = "いたく";
  lxw_rich_string_tuple first{nullptr, company.data()};
  lxw_rich_string_tuple second{bold, name.data()};
  lxw_rich_string_tuple* fragments[] = {&first, &second, nullptr};
  worksheet_write_rich_string(ledger, 3, 1, fragments, nullptr);
  worksheet_write_number(ledger, 3, 2, 4011001098993.0, digits);
  worksheet_write_number(ledger, 3, 3, 1234567, amount);
  worksheet_write_number(ledger, 3, 4, 1234.5, nullptr);
  worksheet_write_datetime(ledger, 3, 5, const_cast<lxw_datetime*>(&april_first), slash_date);
  worksheet_write_datetime(ledger, 3, 6, const_cast<lxw_datetime*>(&april_first), era);
  worksheet_write_datetime(ledger, 3, 7, const_cast<lxw_datetime*>(&april_first), gannen);
  worksheet_write_datetime(ledger, 3, 8, const_cast<lxw_datetime*>(&morning), date_time);
  worksheet_write_boolean(ledger, 3, 9, 1, nullptr);
  worksheet_write_formula_str(ledger, 3, 10, "=\"委託\"&\"A\"", nullptr, "委託A");
  worksheet_write_string(ledger, 3, 11, "一行目\r\n二行目", nullptr);  // written as 一行目_x000D_\n二行目
  worksheet_write_number(ledger, 3, 12, 0.375, clock);
  worksheet_write_datetime(ledger, 3, 13, const_cast<lxw_datetime*>(&april_first), builtin_era);

  worksheet_write_string(ledger, 4, 0, "R7-002", nullptr);  // B, C and E left empty
  worksheet_write_number(ledger, 4, 3, 880000, amount);
  worksheet_write_boolean(ledger, 4, 9, 0, nullptr);
  worksheet_write_formula_num(ledger, 4, 10, "=D5*2", nullptr, 1760000);
  worksheet_write_string(ledger, 4, 11, "", nullptr);  // an empty string, then a formatted blank
  worksheet_write_blank(ledger, 4, 12, bold);
  // Row 6 is left blank; row 7 holds one cell.
  worksheet_write_string(ledger, 6, 0, "R7-003", nullptr);

  worksheet_write_string(vendors, 0, 0, "委託先名", nullptr);
  worksheet_write_string(vendors, 0, 1, "法人番号", nullptr);
  worksheet_write_string(vendors, 1, 0, "株式会社いたく", nullptr);
  worksheet_write_number(vendors, 1, 1, 4011001098993.0, digits);
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);
}

// Numbers written under one format each, one per row: A holds the format, B the number.
void write_number_formats(const std::string& path, const std::vector<std::pair<std::string, double>>& cases) {
  lxw_workbook* book = workbook_new(path.c_str());
  REQUIRE(book != nullptr);
  lxw_worksheet* sheet = workbook_add_worksheet(book, "formats");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    lxw_format* format = workbook_add_format(book);
    if (!cases[i].first.empty()) format_set_num_format(format, cases[i].first.c_str());
    const auto row = static_cast<lxw_row_t>(i);
    worksheet_write_string(sheet, row, 0, cases[i].first.empty() ? "General" : cases[i].first.c_str(), nullptr);
    worksheet_write_number(sheet, row, 1, cases[i].second, format);
  }
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);
}

// Sets the uncompressed size recorded for `name` in both of its ZIP headers, as a zip bomb would.
void falsify_uncompressed_size(std::string& zip, const std::string& name, std::uint32_t size) {
  const auto patch = [&](std::string_view signature, std::size_t name_length_at, std::size_t name_at,
                         std::size_t size_at) {
    std::size_t patched = 0;
    for (std::size_t at = zip.find(signature); at != std::string::npos; at = zip.find(signature, at + 4)) {
      const auto length = static_cast<std::size_t>(static_cast<unsigned char>(zip[at + name_length_at]) |
                                                   static_cast<unsigned char>(zip[at + name_length_at + 1]) << 8);
      if (zip.compare(at + name_at, length, name) != 0) continue;
      for (std::size_t byte = 0; byte < 4; ++byte) zip[at + size_at + byte] = static_cast<char>(size >> (8 * byte));
      ++patched;
    }
    REQUIRE(patched == 1);
  };
  patch(std::string_view("PK\x03\x04", 4), 26, 30, 22);  // local file header
  patch(std::string_view("PK\x01\x02", 4), 28, 46, 24);  // central directory entry
}

}  // namespace

TEST_CASE("xlsx: a ledger written like Excel reads as rows of text", "[xlsx]") {
  TempDir dir;
  const std::string path = dir.file("契約台帳.xlsx");
  write_ledger(path);
  const SheetTable table = read_ok(path);

  CHECK(table.sheet == "契約台帳");
  REQUIRE(table.rows.size() == 5);  // rows 2 and 6 hold no text
  CHECK(table.rows[0].number == 1);
  CHECK(table.rows[0].cells == Cells{"令和7年度 業務委託 契約台帳"});
  CHECK(table.rows[1].number == 3);
  CHECK(table.rows[1].cells.size() == 14);
  CHECK(table.rows[1].cells[6] == "締結日（和暦）");

  const SheetRow& first = table.rows[2];
  CHECK(first.number == 4);
  CHECK(first.cells == Cells{"R7-001", "株式会社いたく", "4011001098993", "1234567", "1234.5", "2025-04-01",
                             "2025-04-01", "2025-04-01", "2025-04-01 09:30:15", "TRUE", "委託A", "一行目\r\n二行目",
                             "0.375", "2025-04-01"});

  const SheetRow& second = table.rows[3];
  CHECK(second.number == 5);
  CHECK(second.cells == Cells{"R7-002", "", "", "880000", "", "", "", "", "", "FALSE", "1760000"});

  CHECK(table.rows[4].number == 7);
  CHECK(table.rows[4].cells == Cells{"R7-003"});
}

TEST_CASE("xlsx: a sheet chosen by name, the first sheet by default", "[xlsx]") {
  TempDir dir;
  const std::string path = dir.file("ledger.xlsx");
  write_ledger(path);

  const SheetTable vendors = read_ok(path, "委託先");
  CHECK(vendors.sheet == "委託先");
  REQUIRE(vendors.rows.size() == 2);
  CHECK(vendors.rows[1].cells == Cells{"株式会社いたく", "4011001098993"});

  CHECK(read_ok(path, std::nullopt).sheet == "契約台帳");
  CHECK(read_ok(path, "契約台帳").rows.size() == 5);
}

TEST_CASE("xlsx: a sheet that is not there is named with the sheets that are", "[xlsx]") {
  TempDir dir;
  const std::string path = dir.file("ledger.xlsx");
  write_ledger(path);
  check_failure(read_xlsx_sheet(path, std::string("令和6年度")), ErrorCode::kNotFound,
                {"令和6年度", "「契約台帳」「委託先」", "\"契約台帳\", \"委託先\"", path});
}

TEST_CASE("xlsx: date formats give ISO dates, other formats the number", "[xlsx]") {
  struct Case {
    std::string format;  // "" for General
    double number;
    std::string text;
  };
  // Time-only formats get numbers of a day or more: read as dates, they would show one.
  const std::vector<Case> cases{
      {"yyyy/m/d", 1, "1900-01-01"},
      {"yyyy/m/d", 59, "1900-02-28"},
      {"yyyy/m/d", 60, "1900-02-29"},  // Excel's (and Lotus 1-2-3's) day that never was
      {"yyyy/m/d", 61, "1900-03-01"},
      {"yyyy-mm-dd", 45658, "2025-01-01"},
      {"yyyy-mm-dd hh:mm", 45658.5, "2025-01-01 12:00:00"},
      {"yyyy/m/d", 45658.99999999, "2025-01-02"},  // rounded to the second: the next midnight
      {"yyyy/m/d h:mm AM/PM", 45658.75, "2025-01-01 18:00:00"},
      {"mmm", 45658, "2025-01-01"},
      {"YYYY\\年M\\月D\\日", 45658, "2025-01-01"},
      {"yyyy/m/d", 0, "0"},  // Excel shows 1900-01-00
      {"yyyy/m/d", -1, "-1"},
      {"h:mm", 1.5, "1.5"},
      {"[h]:mm:ss", 1.25, "1.25"},
      {"mm:ss", 2.01, "2.01"},
      {"h:mm AM/PM", 1.75, "1.75"},
      {"0.00E+00", 12345, "12345"},
      {"#,##0\"日\"", 30, "30"},
      {"", 0.1, "0.1"},
      {"", 1e20, "1e+20"},
      {"", -3, "-3"},
      {"", 2.0, "2"},
      {"", 1000000, "1000000"},
      {"", 120000000000000, "120000000000000"},
      {"", 1234567890123456.0, "1234567890123456"},
  };
  TempDir dir;
  const std::string path = dir.file("formats.xlsx");
  std::vector<std::pair<std::string, double>> numbers;
  for (const Case& c : cases) numbers.emplace_back(c.format, c.number);
  write_number_formats(path, numbers);
  const SheetTable table = read_ok(path, "FORMATS");  // sheet names match ignoring ASCII case
  CHECK(table.sheet == "formats");
  REQUIRE(table.rows.size() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO("format " << table.rows[i].cells.at(0) << ", number " << cases[i].number);
    CHECK(table.rows[i].cells.at(1) == cases[i].text);
  }
}

TEST_CASE("xlsx: built-in formats by id: dates (East Asian ones too), times of day kept as numbers", "[xlsx]") {
  // id -> text of 45658.25 (2025-01-01 06:00) under it.
  const std::vector<std::pair<int, std::string>> cases{{0, "45658.25"},
                                                       {14, "2025-01-01 06:00:00"},
                                                       {18, "45658.25"},
                                                       {20, "45658.25"},
                                                       {22, "2025-01-01 06:00:00"},
                                                       {27, "2025-01-01 06:00:00"},
                                                       {31, "2025-01-01 06:00:00"},
                                                       {32, "45658.25"},
                                                       {33, "45658.25"},
                                                       {36, "2025-01-01 06:00:00"},
                                                       {46, "45658.25"},
                                                       {50, "2025-01-01 06:00:00"},
                                                       {58, "2025-01-01 06:00:00"},
                                                       {59, "45658.25"}};
  std::string xfs;
  std::string cells;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    xfs += "<xf numFmtId=\"" + std::to_string(cases[i].first) + "\"/>";
    cells += "<c s=\"" + std::to_string(i) + "\"><v>45658.25</v></c>";
  }
  const std::string styles =
      std::string("<styleSheet xmlns=\"") + kMain + "\"><cellXfs>" + xfs + "</cellXfs></styleSheet>";
  TempDir dir;
  const std::string path = dir.file("builtin.xlsx");
  write_zip(path, hand_built_book(worksheet("<row>" + cells + "</row>"), "", styles));
  const SheetTable table = read_ok(path);
  REQUIRE(table.rows.size() == 1);
  REQUIRE(table.rows[0].cells.size() == cases.size());
  for (std::size_t i = 0; i < cases.size(); ++i) {
    INFO("numFmtId " << cases[i].first);
    CHECK(table.rows[0].cells[i] == cases[i].second);
  }
}

TEST_CASE("xlsx: constant-memory workbooks hold inline strings", "[xlsx]") {
  TempDir dir;
  const std::string path = dir.file("inline.xlsx");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  REQUIRE(book != nullptr);
  lxw_worksheet* sheet = workbook_add_worksheet(book, "一覧");
  worksheet_write_string(sheet, 0, 0, "委託先名", nullptr);
  worksheet_write_string(sheet, 0, 2, "タブ\tあり", nullptr);
  REQUIRE(workbook_close(book) == LXW_NO_ERROR);
  REQUIRE(read_bytes(path).find("sharedStrings.xml") == std::string::npos);

  const SheetTable table = read_ok(path);
  REQUIRE(table.rows.size() == 1);
  CHECK(table.rows[0].cells == Cells{"委託先名", "", "タブ\tあり"});
}

TEST_CASE("xlsx: furigana, rich runs and _xHHHH_ escapes in shared strings", "[xlsx]") {
  TempDir dir;
  const std::string path = dir.file("furigana.xlsx");
  const std::string shared =
      std::string("<sst xmlns=\"") + kMain +
      "\" count=\"6\" uniqueCount=\"6\">"
      "<si><t>山田太郎</t><rPh sb=\"0\" eb=\"2\"><t>ヤマダ</t></rPh><rPh sb=\"2\" eb=\"4\"><t>タロウ</t></rPh>"
      "<phoneticPr fontId=\"1\"/></si>"
      "<si><r><t>株式会社</t></r><r><rPr><b/><sz val=\"11\"/></rPr><t xml:space=\"preserve\"> 委託 </t></r>"
      "<rPh sb=\"0\" eb=\"4\"><t>カブシキガイシャ</t></rPh><phoneticPr fontId=\"1\" type=\"Hiragana\"/></si>"
      "<si><t>a_x005F_x000D_b_x0009_c_x000A_d_x000d_e</t></si>"
      "<si><t xml:space=\"preserve\"> </t></si>"
      "<si><t>_xD83D__xDE00_ &amp; _x12_</t></si>"
      "<si><t></t></si></sst>";
  write_zip(path,
            hand_built_book(worksheet("<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"C2\" t=\"s\"><v>1</v></c>"
                                      "<c r=\"D2\" t=\"e\"><f>NA()</f><v>#N/A</v></c>"
                                      "<c r=\"E2\" t=\"inlineStr\"><is><t>県庁</t><rPh><t>ケンチョウ</t></rPh></is></c>"
                                      "<c r=\"F2\" t=\"str\"><f>A2</f><v>x_x000D_y</v></c></row>"
                                      "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\" t=\"s\"><v>3</v></c>"
                                      "<c r=\"C3\" t=\"s\"><v>4</v></c><c r=\"D3\" t=\"s\"><v>5</v></c></row>"),
                            shared));
  const SheetTable table = read_ok(path);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[0].number == 2);
  CHECK(table.rows[0].cells == Cells{"山田太郎", "", "株式会社 委託 ", "#N/A", "県庁", "x\ry"});
  CHECK(table.rows[1].cells == Cells{"a_x000D_b\tc\nd\re", " ", "\xF0\x9F\x98\x80 & _x12_"});
}

TEST_CASE("xlsx: the 1904 date system", "[xlsx]") {
  TempDir dir;
  for (const std::string flag : {"1", "true"}) {
    const std::string path = dir.file("mac" + flag + ".xlsx");
    write_zip(path, hand_built_book(
                        worksheet("<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\" s=\"2\"><v>44196</v></c>"
                                  "<c r=\"C1\" s=\"2\"><v>44196.25</v></c><c r=\"D1\" s=\"3\"><v>0.5</v></c>"
                                  "<c r=\"E1\"><v>44196</v></c></row>"),
                        "", date_styles(), "<workbookPr date1904=\"" + flag + "\"/>"));
    const SheetTable table = read_ok(path);
    REQUIRE(table.rows.size() == 1);
    CHECK(table.rows[0].cells == Cells{"1904-01-01", "2025-01-01", "2025-01-01 06:00:00", "0.5", "44196"});
  }
  const std::string path = dir.file("windows.xlsx");
  write_zip(path, hand_built_book(worksheet("<row r=\"1\"><c r=\"A1\" s=\"2\"><v>44196</v></c></row>"), "",
                                  date_styles(), "<workbookPr date1904=\"false\"/>"));
  CHECK(read_ok(path).rows.at(0).cells == Cells{"2020-12-31"});
}

TEST_CASE("xlsx: prefixed elements, Strict namespaces, absolute targets, cells and rows without r", "[xlsx]") {
  const std::string spreadsheet_ns = "xmlns:x=\"http://purl.oclc.org/ooxml/spreadsheetml/main\"";
  const std::string strict = "http://purl.oclc.org/ooxml/officeDocument/relationships";
  const std::string sheet_b =
      "<x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"s\"><x:v>1</x:v></x:c></x:row>"
      "<x:row r=\"4\"><x:c r=\"B4\"><x:v>100</x:v></x:c><x:c><x:v>200</x:v></x:c></x:row>"
      "<x:row><x:c><x:v>1</x:v></x:c></x:row>";
  TempDir dir;
  const std::string path = dir.file("strict.xlsx");
  write_zip(path,
            Parts{
                {"_rels/.rels", relationships({{"R1", strict + "/officeDocument", "/xl/book.xml"}})},
                {"xl/book.xml", "<x:workbook " + spreadsheet_ns + " xmlns:rel=\"" + strict +
                                    "\"><x:sheets><x:sheet name=\"表紙\" sheetId=\"1\" rel:id=\"R7\"/>"
                                    "<x:sheet name=\"明細\" sheetId=\"2\" rel:id=\"R8\"/></x:sheets></x:workbook>"},
                {"xl/_rels/book.xml.rels",
                 relationships({{"R7", strict + "/worksheet", "/xl/sheets/a.xml"},
                                {"R8", strict + "/worksheet", "./sheets/../sheets/b.xml"},
                                {"R9", strict + "/sharedStrings", "/XL/Strings.xml"}})},  // names ignore case
                {"xl/strings.xml", "<x:sst " + spreadsheet_ns +
                                       "><x:si><x:t>件名</x:t></x:si><x:si><x:r><x:t>金</x:t></x:r>"
                                       "<x:r><x:t>額</x:t></x:r><x:rPh><x:t>キンガク</x:t></x:rPh></x:si></x:sst>"},
                {"xl/sheets/a.xml", "<x:worksheet " + spreadsheet_ns +
                                        "><x:sheetData><x:row><x:c t=\"s\"><x:v>0</x:v></x:c></x:row>"
                                        "</x:sheetData></x:worksheet>"},
                {"xl/sheets/b.xml",
                 "<x:worksheet " + spreadsheet_ns + "><x:sheetData>" + sheet_b + "</x:sheetData></x:worksheet>"},
            });
  const SheetTable cover = read_ok(path);
  CHECK(cover.sheet == "表紙");
  REQUIRE(cover.rows.size() == 1);
  CHECK(cover.rows[0].cells == Cells{"件名"});

  const SheetTable detail = read_ok(path, "明細");
  REQUIRE(detail.rows.size() == 3);
  CHECK(detail.rows[0].number == 1);
  CHECK(detail.rows[0].cells == Cells{"件名", "金額"});
  CHECK(detail.rows[1].number == 4);
  CHECK(detail.rows[1].cells == Cells{"", "100", "200"});
  CHECK(detail.rows[2].number == 5);
  CHECK(detail.rows[2].cells == Cells{"1"});
}

TEST_CASE("xlsx: files that are not workbooks say what they are", "[xlsx]") {
  TempDir dir;
  SECTION("missing") {
    const std::string path = dir.file("ない.xlsx");
    check_failure(read_xlsx_sheet(path, std::nullopt), ErrorCode::kNotFound,
                  {"ファイルが見つかりません", "file not found", path});
  }
  SECTION("empty") {
    const std::string path = dir.file("empty.xlsx");
    write_bytes(path, "");
    check_failure(read_xlsx_sheet(path, std::nullopt), ErrorCode::kInvalidArgument, {"空", "is empty", path});
  }
  SECTION("a CSV renamed to .xlsx") {
    const std::string path = dir.file("csv.xlsx");
    write_bytes(path, "契約番号,金額\nR7-001,100\n");
    check_failure(read_xlsx_sheet(path, std::nullopt), ErrorCode::kInvalidArgument,
                  {"ZIP 形式ではありません", "not a ZIP archive", path});
  }
  SECTION("an old .xls or a password-protected workbook") {
    const std::string path = dir.file("old.xls");
    write_bytes(path, std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(504, '\0'));
    check_failure(read_xlsx_sheet(path, std::nullopt), ErrorCode::kInvalidArgument,
                  {".xls", "パスワード", "「Excel ブック (*.xlsx)」", "password-protected", path});
  }
  SECTION("a Word document") {
    const std::string path = dir.file("memo.docx");
    write_zip(path,
              Parts{{"_rels/.rels", relationships({{"rId1", transitional("officeDocument"), "word/document.xml"}})},
                    {"word/document.xml", "<w:document xmlns:w=\"urn:w\"/>"}});
    check_failure(read_xlsx_sheet(path, std::nullopt), ErrorCode::kInvalidArgument,
                  {"xl/workbook.xml", "Excel ブック (.xlsx) ではありません", "not an Excel workbook", ".docx", path});
  }
  SECTION("an OpenDocument spreadsheet") {
    const std::string path = dir.file("ledger.xlsx");
    write_zip(path, Parts{{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}, {"content.xml", "<x/>"}});
    check_failure(read_xlsx_sheet(path, std::nullopt), ErrorCode::kInvalidArgument, {".ods", "OpenDocument", path});
  }
  SECTION("malformed sheet XML") {
    const std::string path = dir.file("broken.xlsx");
    write_zip(path, hand_built_book(worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></row>")));
    check_failure(
        read_xlsx_sheet(path, std::nullopt), ErrorCode::kInvalidArgument,
        {"xl/worksheets/sheet1.xml", "XML が不正です", "not well-formed XML", "mismatch", "byte offset", path});
  }
  SECTION("a shared string that does not exist") {
    const std::string path = dir.file("sst.xlsx");
    write_zip(path, hand_built_book(worksheet("<row r=\"3\"><c r=\"B3\" t=\"s\"><v>7</v></c></row>")));
    check_failure(read_xlsx_sheet(path, std::nullopt), ErrorCode::kInvalidArgument,
                  {"B3", "シート「台帳」", "shared string 7"});
  }
}

TEST_CASE("xlsx: limits against hostile workbooks", "[xlsx]") {
  TempDir dir;
  CHECK(XlsxLimits{}.max_part_bytes == 512u * 1024 * 1024);
  CHECK(XlsxLimits{}.max_cells == 64u * 1024 * 1024);

  SECTION("a column beyond XFD") {
    const std::string path = dir.file("wide.xlsx");
    write_zip(path,
              hand_built_book(worksheet("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c r=\"XFE1\"><v>2</v></c></row>")));
    check_failure(read_xlsx_sheet(path, std::nullopt), ErrorCode::kInvalidArgument, {"XFE1", "XFD", path});
  }
  SECTION("a cell without r after XFD") {
    const std::string path = dir.file("wide2.xlsx");
    write_zip(path, hand_built_book(worksheet("<row r=\"1\"><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>")));
    check_failure(read_xlsx_sheet(path, std::nullopt), ErrorCode::kInvalidArgument, {"XFD", path});
  }
  SECTION("XFD itself is fine") {
    const std::string path = dir.file("xfd.xlsx");
    write_zip(path, hand_built_book(worksheet("<row r=\"1048576\"><c r=\"XFD1048576\"><v>1</v></c></row>")));
    const SheetTable table = read_ok(path);
    REQUIRE(table.rows.size() == 1);
    CHECK(table.rows[0].number == 1048576);
    CHECK(table.rows[0].cells.size() == 16384);
  }
  SECTION("a row beyond 1,048,576") {
    const std::string path = dir.file("tall.xlsx");
    write_zip(path, hand_built_book(worksheet("<row r=\"1048577\"><c r=\"A1048577\"><v>1</v></c></row>")));
    check_failure(read_xlsx_sheet(path, std::nullopt), ErrorCode::kInvalidArgument, {"1048576", path});
  }
  SECTION("too many cells") {
    const std::string path = dir.file("cells.xlsx");
    write_zip(path, hand_built_book(worksheet("<row><c/><c/><c/></row><row><c/></row>")));
    CHECK(read_xlsx_sheet(path, std::nullopt, XlsxLimits{.max_cells = 4}).is_ok());
    check_failure(read_xlsx_sheet(path, std::nullopt, XlsxLimits{.max_cells = 3}), ErrorCode::kInvalidArgument,
                  {"セルが多すぎます", "too many cells", path});
  }
  SECTION("a part larger than the limit, declared or not") {
    const std::string path = dir.file("bomb.xlsx");
    std::string rows;
    for (int row = 1; row <= 2000; ++row) rows += "<row r=\"" + std::to_string(row) + "\"><c><v>0</v></c></row>";
    const std::string sheet = worksheet(rows);
    write_zip(path, hand_built_book(sheet));
    const XlsxLimits limits{.max_part_bytes = sheet.size() - 1};
    check_failure(read_xlsx_sheet(path, std::nullopt, limits), ErrorCode::kInvalidArgument,
                  {"xl/worksheets/sheet1.xml", "大きすぎます", "too large", path});

    std::string zip = read_bytes(path);
    falsify_uncompressed_size(zip, "xl/worksheets/sheet1.xml", 100);
    write_bytes(path, zip);
    check_failure(read_xlsx_sheet(path, std::nullopt, limits), ErrorCode::kInvalidArgument, {"too large", path});
  }
}

// `xlsx` register (export --format xlsx): the workbook read back as Excel would read it. One
// sheet 登録簿; headers "label (dotted.path)" over the CSV export's columns, then the ledger's
// keys; cells typed (text, number, boolean, date); refs and 法人番号 always text; what a
// workbook cannot hold exactly refused with nothing of the record written.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <sstream>

#include "io/field_labels.hpp"
#include "io_test_support.hpp"
#include "itaku/io/record_writer.hpp"
#include "xlsx_reader.hpp"

using itaku::CsvArrayCapacity;
using itaku::ErrorCode;
using itaku::FieldTypes;
using itaku::RecordFormat;
using itaku::test::ReadSheet;
using itaku::test::ReadWorkbook;
using nlohmann::json;

namespace {

// FieldTypes from the schema files in document order, as the export builds them.
const FieldTypes& register_field_types() {
  static const FieldTypes types = [] {
    const std::filesystem::path dir = ITAKU_SOURCE_DIR "/schemas/";
    const auto load = [](const std::filesystem::path& path) {
      std::ifstream in(path);
      return nlohmann::ordered_json::parse(in);
    };
    std::map<std::string, nlohmann::ordered_json> sections;
    for (const char* section : {"contractor", "cloud", "social_media"}) {
      sections[section] = load(dir / (std::string(section) + ".schema.json"));
    }
    return FieldTypes(load(dir / "engagement.schema.json"), sections);
  }();
  return types;
}

json register_record() {
  return json::parse(R"json({"ref": "EX-001", "kind": "contractor", "title": "窓口受付業務委託", "department": "市民課",
    "responsible_person": {"name": "上野 太郎", "department": "市民課"},
    "vendor": {"name": "株式会社例示サービス", "corporate_number": "0011001098993", "country": "JP",
               "certifications": [{"scheme": "PMARK", "number": "10861234(03)", "valid_until": "2026-01-31"}]},
    "information": {"confidentiality": 2, "integrity": 2, "availability": 1, "personal_data": true},
    "network_zone": "lgwan", "period": {"start": "2024-04-01", "end": "2027-03-31"},
    "clauses": ["OUT-02", "OUT-03"],
    "subcontracting": {"used": true, "approved": false},
    "verification_interval_months": 12,
    "verifications": [{"date": "2024-03-25", "result": "pass", "verifier": "情報推進担当"}]})json");
}

// Writes `records` and returns the workbook's bytes; a refused record is skipped (its error
// message kept in `refusals`), as the export does not (it stops), to check what stays written.
std::string write_register(const std::vector<json>& records, std::vector<std::string>* refusals = nullptr,
                           const CsvArrayCapacity& capacity = {}) {
  std::ostringstream out;
  auto writer = itaku::make_xlsx_record_writer(out, register_field_types(), capacity);
  for (const json& record : records) {
    try {
      writer->write(record);
    } catch (const itaku::Error& error) {
      if (refusals == nullptr) throw;
      CHECK(error.status().code() == ErrorCode::kInvalidArgument);
      refusals->push_back(error.status().message());
    }
  }
  writer->finish();
  return out.str();
}

// The text of the cell under the header `header` in data row `row` (1 = the first record).
itaku::test::ReadCell cell_under(const ReadSheet& sheet, const std::string& header, unsigned row = 1) {
  const std::string column = sheet.column_of(header);
  INFO("header " << header);
  REQUIRE_FALSE(column.empty());
  return sheet.cell(column + std::to_string(row + 1));
}

}  // namespace

TEST_CASE("field labels: a Japanese label per engagement field, array elements counted from 1",
          "[io][xlsx][record_writer]") {
  using itaku::detail::field_label;
  using itaku::detail::labelled_header;
  CHECK(field_label({"title"}) == "件名");
  CHECK(field_label({"vendor", "corporate_number"}) == "事業者 法人番号");
  CHECK(field_label({"verifications", "0", "date"}) == "確認1 日付");
  CHECK(field_label({"vendor", "certifications", "9", "valid_until"}) == "事業者 認証10 有効期限");
  CHECK(field_label({"verifications", "1", "voided", "reason"}) == "確認2 取消 理由");
  CHECK_FALSE(field_label({"cloud", "data_location"}).has_value());
  CHECK_FALSE(field_label({"vendor", "unknown"}).has_value());
  CHECK(labelled_header({"title"}) == "件名 (title)");
  CHECK(labelled_header({"verifications", "0", "date"}) == "確認1 日付 (verifications.0.date)");
  CHECK(labelled_header({"cloud", "data_location"}) == "cloud.data_location");
}

TEST_CASE("xlsx register: one sheet 登録簿, headers 'label (path)' over the CSV export's columns",
          "[io][xlsx][record_writer]") {
  const ReadWorkbook book(write_register({register_record()}));
  CHECK(book.sheet_names() == std::vector<std::string>{"登録簿"});
  const ReadSheet sheet = book.sheet("登録簿");
  const std::vector<std::string> headers = sheet.row_texts(1);

  // The same columns, in the same order, as the CSV export: each header ends in its path.
  std::vector<std::string> paths;
  for (const auto& field : register_field_types().leaf_fields([](const std::vector<std::string>& array) {
         const CsvArrayCapacity capacity;
         if (array == std::vector<std::string>{"verifications"}) return capacity.verifications;
         if (array == std::vector<std::string>{"vendor", "certifications"}) return capacity.certifications;
         return capacity.other;
       })) {
    std::string path;
    for (const auto& segment : field.path) path += (path.empty() ? "" : ".") + segment;
    paths.push_back(path);
  }
  REQUIRE(headers.size() == paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    INFO(headers[i]);
    const bool labelled = headers[i].size() > paths[i].size() + 3 &&
                          headers[i].substr(headers[i].size() - paths[i].size() - 3) == " (" + paths[i] + ")";
    CHECK((labelled || headers[i] == paths[i]));
  }
  CHECK(headers.front() == "参照番号 (ref)");
  for (const char* expected :
       {"件名 (title)", "事業者 法人番号 (vendor.corporate_number)", "確認1 日付 (verifications.0.date)",
        "確認20 日付 (verifications.19.date)", "事業者 認証1 有効期限 (vendor.certifications.0.valid_until)",
        "情報 機密性 (information.confidentiality)"}) {
    CHECK(sheet.column_of(expected) != "");
  }
  // The header is bold, frozen and filtered.
  CHECK(std::string(sheet.pane().attribute("ySplit").value()) == "1");
  CHECK(std::string(sheet.pane().attribute("state").value()) == "frozen");
  CHECK(sheet.autofilter() == "A1:" + ReadSheet::column_name(headers.size() - 1) + "2");
}

TEST_CASE("xlsx register: cells keep their type (refs and 法人番号 as text, dates as date cells)",
          "[io][xlsx][record_writer]") {
  const ReadWorkbook book(write_register({register_record()}));
  const ReadSheet sheet = book.sheet("登録簿");

  const auto ref = cell_under(sheet, "参照番号 (ref)");
  CHECK(ref.type == "s");
  CHECK(ref.text == "EX-001");
  // A leading zero stays, and Excel shows no 1.1E+10.
  const auto corporate_number = cell_under(sheet, "事業者 法人番号 (vendor.corporate_number)");
  CHECK(corporate_number.type == "s");
  CHECK(corporate_number.text == "0011001098993");
  const auto confidentiality = cell_under(sheet, "情報 機密性 (information.confidentiality)");
  CHECK(confidentiality.type.empty());
  CHECK(confidentiality.value == "2");
  CHECK(cell_under(sheet, "確認間隔（月） (verification_interval_months)").value == "12");
  const auto used = cell_under(sheet, "再委託 有無 (subcontracting.used)");
  CHECK(used.type == "b");
  CHECK(used.value == "1");
  CHECK(cell_under(sheet, "再委託 承認 (subcontracting.approved)").value == "0");
  CHECK_FALSE(cell_under(sheet, "再委託 義務の承継 (subcontracting.flow_down)").present);  // absent stays absent
  // 2024-04-01 is day 45383 of Excel's calendar.
  const auto start = cell_under(sheet, "期間 開始日 (period.start)");
  CHECK(start.type.empty());
  CHECK(start.value == "45383");
  CHECK(start.number_format == "yyyy-mm-dd");
  CHECK(cell_under(sheet, "確認1 日付 (verifications.0.date)").number_format == "yyyy-mm-dd");
  const auto clauses = cell_under(sheet, "契約条項 (clauses)");
  CHECK(clauses.type == "s");
  CHECK(clauses.text == "OUT-02;OUT-03");
  CHECK(cell_under(sheet, "事業者 認証1 番号 (vendor.certifications.0.number)").text == "10861234(03)");
  CHECK(cell_under(sheet, "種別 (kind)").text == "contractor");
}

TEST_CASE("xlsx register: ledger keys become columns after the schema's, as they first appear",
          "[io][xlsx][record_writer]") {
  json first = register_record();
  first["ledger"] = {{"入札方式", "随意契約"}, {"契約金額", "8980020"}};
  json second = register_record();
  second["ref"] = "EX-002";
  second["ledger"] = {{"備考", "再委託先あり"}, {"入札方式", "一般競争入札"}};
  json third = register_record();
  third["ref"] = "EX-003";
  const ReadWorkbook book(write_register({first, second, third}));
  const ReadSheet sheet = book.sheet("登録簿");
  const std::vector<std::string> headers = sheet.row_texts(1);
  REQUIRE(headers.size() >= 3);
  // nlohmann::json orders an object's keys: 入札方式 < 契約金額 in UTF-8, then 備考 with EX-002.
  CHECK(std::vector<std::string>(headers.end() - 3, headers.end()) ==
        std::vector<std::string>{"入札方式 (ledger.入札方式)", "契約金額 (ledger.契約金額)", "備考 (ledger.備考)"});
  const auto amount = cell_under(sheet, "契約金額 (ledger.契約金額)");
  CHECK(amount.type == "s");  // ledger values are text, whatever they look like
  CHECK(amount.text == "8980020");
  CHECK(cell_under(sheet, "入札方式 (ledger.入札方式)", 2).text == "一般競争入札");
  CHECK(cell_under(sheet, "備考 (ledger.備考)", 2).text == "再委託先あり");
  CHECK_FALSE(cell_under(sheet, "契約金額 (ledger.契約金額)", 2).present);
  CHECK_FALSE(cell_under(sheet, "入札方式 (ledger.入札方式)", 3).present);
  CHECK(sheet.autofilter() == "A1:" + ReadSheet::column_name(headers.size() - 1) + "4");
}

TEST_CASE("xlsx register: text reads back exactly, also what looks like an escape or a formula",
          "[io][xlsx][record_writer]") {
  std::vector<json> records;
  const std::vector<std::string> texts = {"_x0041_ stays", "line one\r\nline two", "=SUM(A1:A9)", " both ",
                                          "emoji 🚒📢 ok", "ctrl\x01here"};
  for (std::size_t i = 0; i < texts.size(); ++i) {
    json record = register_record();
    record["ref"] = "TXT-" + std::to_string(i + 1);
    record["title"] = texts[i];
    records.push_back(record);
  }
  const ReadWorkbook book(write_register(records));
  const ReadSheet sheet = book.sheet("登録簿");
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto title = cell_under(sheet, "件名 (title)", static_cast<unsigned>(i + 1));
    CHECK(title.type == "s");
    CHECK(title.text == texts[i]);
  }
}

TEST_CASE("xlsx register refuses what a workbook cannot hold, and writes nothing of that record",
          "[io][xlsx][record_writer]") {
  const auto refused = [](json record, const std::string& field) {
    record["ref"] = "BAD-1";
    json good = register_record();
    good["ref"] = "GOOD-2";
    std::vector<std::string> refusals;
    const ReadWorkbook book(write_register({record, good}, &refusals));
    REQUIRE(refusals.size() == 1);
    INFO(refusals.front());
    CHECK_THAT(refusals.front(), Catch::Contains("BAD-1") && Catch::Contains(field) &&
                                     Catch::Contains("--format jsonl") && Catch::StartsWith("レコード 1"));
    const ReadSheet sheet = book.sheet("登録簿");
    CHECK(sheet.row_count() == 2);  // the header and GOOD-2 only
    CHECK(cell_under(sheet, "参照番号 (ref)").text == "GOOD-2");
    return sheet.row_texts(1);
  };

  json long_text = register_record();
  long_text["title"] = std::string(32768, 'x');
  refused(long_text, "title");

  json emoji_text = register_record();  // 16,384 emoji are 32,768 UTF-16 units
  std::string emoji;
  for (int i = 0; i < 16384; ++i) emoji += "🚒";
  emoji_text["responsible_person"]["name"] = emoji;
  refused(emoji_text, "responsible_person.name");

  json too_many = register_record();
  too_many["verifications"] = json::array();
  for (int i = 0; i < 21; ++i) too_many["verifications"].push_back({{"date", "2024-03-25"}, {"result", "pass"}});
  refused(too_many, "verifications");

  json old_date = register_record();
  old_date["period"]["start"] = "1899-12-31";
  refused(old_date, "period.start");

  json not_a_date = register_record();
  not_a_date["period"]["end"] = "2025-02-30";
  refused(not_a_date, "period.end");

  json blank = register_record();
  blank["title"] = "   ";
  refused(blank, "title");

  // A new ledger key of a refused record gets no column.
  json ledger = register_record();
  ledger["ledger"] = {{"契約金額", "8980020"}, {"件名の補足", std::string(32768, 'y')}};
  const std::vector<std::string> headers = refused(ledger, "ledger");
  CHECK(std::find(headers.begin(), headers.end(), "契約金額 (ledger.契約金額)") == headers.end());

  // The boundary itself fits.
  json longest = register_record();
  longest["title"] = std::string(32767, 'x');
  const ReadWorkbook book(write_register({longest}));
  CHECK(cell_under(book.sheet("登録簿"), "件名 (title)").text.size() == 32767);
}

TEST_CASE("xlsx register through make_record_writer, also without records", "[io][xlsx][record_writer]") {
  std::ostringstream out;
  auto writer = itaku::make_record_writer(RecordFormat::kXlsx, out, register_field_types());
  writer->finish();
  const ReadWorkbook book(out.str());
  const ReadSheet sheet = book.sheet("登録簿");
  CHECK(sheet.row_count() == 1);
  CHECK(sheet.cell("A1").text == "参照番号 (ref)");
}

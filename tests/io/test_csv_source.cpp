#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>

#include "io_test_support.hpp"

using itaku::ErrorCode;
using itaku::test::open_ok;
using itaku::test::read_all;
using itaku::test::schema_field_types;
using itaku::test::TempFile;

namespace {

itaku::Status open_error(const std::string& csv_text) {
  const TempFile file(".csv", csv_text);
  auto opened = itaku::open_record_source(file.path(), schema_field_types());
  REQUIRE_FALSE(opened.is_ok());
  return opened.status();
}

std::vector<itaku::SourceRecord> read_csv(const std::string& csv_text) {
  const TempFile file(".csv", csv_text);
  return read_all(*open_ok(file.path()));
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("CSV: dotted headers build nested records with schema types", "[io][csv]") {
  const auto records = read_csv(
      "ref,kind,title,information.confidentiality,information.integrity,information.personal_data,"
      "vendor.name,vendor.corporate_number,vendor.certifications.0.scheme,vendor.certifications.0.valid_until,"
      "clauses,verifications.0.date,verifications.0.result,verifications.1.date,verifications.1.result,"
      "subcontracting.used,contractor.it_system\n"
      "R7-001,contractor,窓口受付業務委託,2,2,TRUE,株式会社例示サービス,4011001098993,PMARK,2026-01-31,"
      "OUT-02; OUT-03 ;OUT-14;,2024-03-25,pass,2025-03-20,conditional,no,はい\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].number == 1);
  REQUIRE(records[0].json.is_ok());
  const nlohmann::json expected = nlohmann::json::parse(R"({
    "ref": "R7-001", "kind": "contractor", "title": "窓口受付業務委託",
    "information": {"confidentiality": 2, "integrity": 2, "personal_data": true},
    "vendor": {"name": "株式会社例示サービス", "corporate_number": "4011001098993",
               "certifications": [{"scheme": "PMARK", "valid_until": "2026-01-31"}]},
    "clauses": ["OUT-02", "OUT-03", "OUT-14"],
    "verifications": [{"date": "2024-03-25", "result": "pass"}, {"date": "2025-03-20", "result": "conditional"}],
    "subcontracting": {"used": false},
    "contractor": {"it_system": true}
  })");
  CHECK(records[0].json.value() == expected);
}

TEST_CASE("CSV: an empty cell means the field is absent", "[io][csv]") {
  const auto records = read_csv(
      "ref,period.start,period.end,information.my_number,cloud.data_locations,verifications.0.date,"
      "verifications.0.result,verifications.1.date,verifications.1.result\n"
      "C-1,2025-04-01,,,,,,2025-10-01,pass\n"
      "C-2,2025-04-01,  ,,JP,,,,\n");
  REQUIRE(records.size() == 2);
  const nlohmann::json& first = records[0].json.value();
  CHECK(first.at("period") == nlohmann::json::parse(R"({"start": "2025-04-01"})"));
  CHECK_FALSE(first.contains("information"));
  CHECK_FALSE(first.contains("cloud"));
  // Only the second verification was filled in: it becomes the only element.
  CHECK(first.at("verifications") == nlohmann::json::parse(R"([{"date": "2025-10-01", "result": "pass"}])"));
  const nlohmann::json& second = records[1].json.value();
  CHECK_FALSE(second.at("period").contains("end"));
  CHECK(second.at("cloud").at("data_locations") == nlohmann::json::array({"JP"}));
  CHECK_FALSE(second.contains("verifications"));
}

TEST_CASE("CSV: booleans accept the spellings people type", "[io][csv]") {
  const auto records = read_csv(
      "social_media.mfa,social_media.shutdown_plan\n"
      "true,FALSE\n1,0\nYes,no\nはい,いいえ\n");
  REQUIRE(records.size() == 4);
  for (const auto& record : records) {
    REQUIRE(record.json.is_ok());
    CHECK(record.json.value().at("social_media").at("mfa") == true);
    CHECK(record.json.value().at("social_media").at("shutdown_plan") == false);
  }
}

TEST_CASE("CSV: integers accept surrounding spaces and full-width digits", "[io][csv]") {
  const auto records = read_csv("information.confidentiality,verification_interval_months\n 3 ,１２\n");
  REQUIRE(records.size() == 1);
  REQUIRE(records[0].json.is_ok());
  CHECK(records[0].json.value().at("information").at("confidentiality") == 3);
  CHECK(records[0].json.value().at("verification_interval_months") == 12);
}

TEST_CASE("CSV: RFC 4180 quoting with commas, quotes and line breaks inside fields", "[io][csv]") {
  const auto records = read_csv(
      "\xEF\xBB\xBFref,title,verifications.0.notes\r\n"
      "Q-1,\"窓口受付、電話対応\",\"指摘: \"\"再委託先\"\"の\r\n承認書を確認\nする\"\r\n"
      "Q-2,\"\",plain\r\n");
  REQUIRE(records.size() == 2);
  REQUIRE(records[0].json.is_ok());
  CHECK(records[0].json.value().at("ref") == "Q-1");  // the BOM is not part of the first header
  CHECK(records[0].json.value().at("title") == "窓口受付、電話対応");
  CHECK(records[0].json.value().at("verifications").at(0).at("notes") == "指摘: \"再委託先\"の\r\n承認書を確認\nする");
  CHECK(records[1].number == 2);
  CHECK_FALSE(records[1].json.value().contains("title"));
  CHECK(records[1].json.value().at("verifications").at(0).at("notes") == "plain");
}

TEST_CASE("CSV: a BOM before a quoted first header is not part of the name", "[io][csv]") {
  const auto records = read_csv("\xEF\xBB\xBF\"ref\",\"title\"\n\"Q-3\",\"x\"\n");
  REQUIRE(records.size() == 1);
  REQUIRE(records[0].json.is_ok());
  CHECK(records[0].json.value() == nlohmann::json::parse(R"({"ref": "Q-3", "title": "x"})"));
}

TEST_CASE("CSV: record numbers count data rows, blank rows included, header excluded", "[io][csv]") {
  const auto records = read_csv("ref,title\nN-1,\"two\nlines\"\n\n,\nN-4,x\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].number == 1);
  CHECK(records[1].number == 4);
  CHECK(records[1].json.value().at("ref") == "N-4");
}

TEST_CASE("CSV: a header row alone gives no records", "[io][csv]") {
  CHECK(read_csv("ref,title\n").empty());
  CHECK(read_csv("ref,title").empty());
}

TEST_CASE("CSV: a cell that does not convert makes that record invalid, with the field's pointer", "[io][csv]") {
  const auto records = read_csv(
      "ref,information.confidentiality,social_media.mfa,verifications.1.date\n"
      "V-1,abc,true,2025-01-01\n"
      "V-2,2,maybe,2025-01-01\n"
      "V-3,2.5,true,2025-01-01\n"
      "V-4,1,false,2025-01-01\n");
  REQUIRE(records.size() == 4);
  REQUIRE_FALSE(records[0].json.is_ok());
  CHECK(records[0].json.status().code() == ErrorCode::kInvalidArgument);
  CHECK(records[0].json.status().path() == "/information/confidentiality");
  CHECK_THAT(records[0].json.status().message(), Catch::Contains("expected an integer, got 'abc'"));
  REQUIRE_FALSE(records[1].json.is_ok());
  CHECK(records[1].json.status().path() == "/social_media/mfa");
  CHECK_THAT(records[1].json.status().message(), Catch::Contains("expected a boolean"));
  CHECK_THAT(records[1].json.status().message(), Catch::Contains("'maybe'"));
  REQUIRE_FALSE(records[2].json.is_ok());
  CHECK_THAT(records[2].json.status().message(), Catch::Contains("got '2.5'"));
  REQUIRE(records[3].json.is_ok());
  CHECK(records[3].json.value().at("verifications").size() == 1);
}

TEST_CASE("CSV: a row with the wrong number of fields is an error record", "[io][csv]") {
  const auto records = read_csv("ref,title\nW-1,a,extra\nW-2\nW-3,ok\n");
  REQUIRE(records.size() == 3);
  REQUIRE_FALSE(records[0].json.is_ok());
  CHECK_THAT(records[0].json.status().message(), Catch::Contains("3 fields but the header has 2"));
  REQUIRE_FALSE(records[1].json.is_ok());
  CHECK_THAT(records[1].json.status().message(), Catch::Contains("1 fields but the header has 2"));
  CHECK(records[2].json.is_ok());
}

TEST_CASE("CSV: a quoted field left open to the end of the file is reported", "[io][csv]") {
  const auto records = read_csv("ref,title\nU-1,ok\nU-2,\"never closed\nU-3,x\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].json.is_ok());
  REQUIRE_FALSE(records[1].json.is_ok());
  CHECK_THAT(records[1].json.status().message(), Catch::Contains("quoted field that starts on line 3"));
}

TEST_CASE("CSV: trailing columns without a name are ignored while empty", "[io][csv]") {
  const auto records = read_csv("ref,title,,\nT-1,a,,\nT-2,b,,stray\n");
  REQUIRE(records.size() == 2);
  REQUIRE(records[0].json.is_ok());
  CHECK(records[0].json.value() == nlohmann::json::parse(R"({"ref": "T-1", "title": "a"})"));
  REQUIRE_FALSE(records[1].json.is_ok());
  CHECK_THAT(records[1].json.status().message(), Catch::Contains("column 4 holds a value but has no header"));
}

TEST_CASE("CSV: unknown headers make the whole file unusable, all named at once with the mapping lines to add", "[io][csv]") {
  const itaku::Status status = open_error("ref,vendor.nmae,title,契約金額,業者名\nX-1,a,b,1,c\n");
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(status.path() == "vendor.nmae");
  const std::string& message = status.message();
  CHECK_THAT(message, Catch::Contains("3 列") && Catch::Contains("3 headers are not Itaku fields"));
  // Each is named once, and the line that would map it is ready to paste into MAP.json.
  CHECK_THAT(message, Catch::Contains("\"vendor.nmae\": \"ledger\","));
  CHECK_THAT(message, Catch::Contains("\"契約金額\": \"ledger\","));
  CHECK_THAT(message, Catch::Contains("\"業者名\": \"vendor.name\","));
  CHECK_THAT(message, Catch::Contains("--mapping MAP.json"));
  CHECK(message.find("Itaku の項目ではない見出し") < message.find(" / "));
}

TEST_CASE("CSV: headers that name objects, repeat, or index too far are refused", "[io][csv]") {
  const itaku::Status object = open_error("ref,vendor\nX,y\n");
  CHECK(object.path() == "vendor");
  CHECK_THAT(object.message(), Catch::Contains("names an object"));

  const itaku::Status array = open_error("ref,verifications.0\nX,y\n");
  CHECK(array.path() == "verifications.0");

  const itaku::Status repeated = open_error("ref,title, title\nX,y,z\n");
  CHECK(repeated.path() == "title");
  CHECK_THAT(repeated.message(), Catch::Contains("appears twice"));

  const itaku::Status far = open_error("ref,verifications.5000.date\nX,2025-01-01\n");
  CHECK(far.path() == "verifications.5000.date");
  CHECK_THAT(far.message(), Catch::Contains("array index too large"));
}

TEST_CASE("CSV: an empty file has no header and is refused", "[io][csv]") {
  const itaku::Status status = open_error("");
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(status.message(), Catch::Contains("no header row"));
}

TEST_CASE("CSV: the real Shift_JIS file from the National Tax Agency is refused with advice", "[io][csv][realdata]") {
  // The first lines of nta_diff_20260821_sjis.csv (see tests/fixtures/realdata/README.md).
  const std::string fixture = ITAKU_FIXTURES_DIR "/realdata/nta_diff_20260821_sjis_head.csv";
  const std::string bytes = read_bytes(fixture);
  REQUIRE(bytes.size() > 500);
  const itaku::Status status = open_error(bytes);
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(status.message(), Catch::Contains("not UTF-8"));
  CHECK_THAT(status.message(), Catch::Contains("Shift_JIS"));
  CHECK_THAT(status.message(), Catch::Contains("CSV UTF-8"));
  CHECK_THAT(status.message(), Catch::Contains("Shift_JIS（CP932）"));  // the Japanese half comes first
  CHECK(status.message().find("Shift_JIS（CP932）") < status.message().find("The file is not UTF-8"));
  CHECK(itaku::test::is_utf8_text(status.message()));
}

TEST_CASE("CSV: Shift_JIS data under an ASCII header makes those rows invalid", "[io][csv]") {
  const auto records = read_csv(
      "ref,department\n"
      "Y-1,\x8E\x73\x96\xAF\x89\xDB\n"  // 市民課 in CP932
      "Y-2,plain\n");
  REQUIRE(records.size() == 2);
  REQUIRE_FALSE(records[0].json.is_ok());
  CHECK(records[0].json.status().path() == "/department");
  CHECK_THAT(records[0].json.status().message(), Catch::Contains("Shift_JIS"));
  CHECK_THAT(records[0].json.status().message(), Catch::Contains("row 1"));
  CHECK(itaku::test::is_utf8_text(records[0].json.status().message()));
  CHECK(records[1].json.is_ok());
}

TEST_CASE("CSV: a UTF-16 file is named as such", "[io][csv]") {
  const itaku::Status status = open_error(std::string("\xFF\xFEr\0e\0f\0\n\0", 10));
  CHECK_THAT(status.message(), Catch::Contains("UTF-16"));
}

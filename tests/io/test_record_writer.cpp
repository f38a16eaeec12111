// Record writers (JSON Lines, CSV) checked against the record sources: whatever a writer emits
// must read back through open_record_source() to the identical JSON record, and what cannot be
// written exactly must be refused.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <limits>
#include <map>
#include <sstream>

#include "io_test_support.hpp"
#include "itaku/io/record_writer.hpp"

using itaku::CsvArrayCapacity;
using itaku::ErrorCode;
using itaku::FieldType;
using itaku::FieldTypes;
using itaku::RecordFormat;
using itaku::test::open_ok;
using itaku::test::read_all;
using itaku::test::schema_field_types;
using itaku::test::TempFile;
using nlohmann::json;

namespace {

nlohmann::ordered_json load_ordered_json_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return nlohmann::ordered_json::parse(in);
}

// FieldTypes from the schema files parsed in document order, as an export should build them.
const FieldTypes& ordered_field_types() {
  static const FieldTypes types = [] {
    const std::filesystem::path dir = ITAKU_SOURCE_DIR "/schemas/";
    std::map<std::string, nlohmann::ordered_json> sections;
    for (const char* section : {"contractor", "cloud", "social_media"}) {
      sections[section] = load_ordered_json_file(dir / (std::string(section) + ".schema.json"));
    }
    return FieldTypes(load_ordered_json_file(dir / "engagement.schema.json"), sections);
  }();
  return types;
}

// Every record of a file, requiring each to have been read without error.
std::vector<json> read_records(const std::string& path, const FieldTypes& types = schema_field_types()) {
  std::vector<json> records;
  for (itaku::SourceRecord& record : read_all(*open_ok(path, types))) {
    INFO("record " << record.number << ": " << (record.json ? std::string() : record.json.status().to_string()));
    REQUIRE(record.json.is_ok());
    records.push_back(std::move(record.json).value());
  }
  return records;
}

std::string write_all(RecordFormat format, const std::vector<json>& records,
                      const FieldTypes& types = ordered_field_types()) {
  std::ostringstream out;
  auto writer = itaku::make_record_writer(format, out, types);
  for (const json& record : records) writer->write(record);
  writer->finish();
  return out.str();
}

std::vector<json> round_trip(RecordFormat format, const std::vector<json>& records,
                             const FieldTypes& write_types = ordered_field_types()) {
  const TempFile file(format == RecordFormat::kCsv ? ".csv" : ".jsonl", write_all(format, records, write_types));
  return read_records(file.path());
}

void require_identical(const std::vector<json>& written, const std::vector<json>& read) {
  REQUIRE(read.size() == written.size());
  for (std::size_t i = 0; i < written.size(); ++i) {
    INFO("record " << i + 1 << "\nwritten: " << written[i].dump() << "\nread:    " << read[i].dump());
    CHECK(read[i] == written[i]);
  }
}

json example_record() {
  return json::parse(R"json({"ref": "EX-001", "kind": "contractor", "title": "窓口受付業務委託", "department": "市民課",
    "responsible_person": {"name": "上野 太郎", "department": "市民課"},
    "vendor": {"name": "株式会社例示サービス", "corporate_number": "4011001098993", "country": "JP",
               "certifications": [{"scheme": "PMARK", "number": "10861234(03)", "valid_until": "2026-01-31"}]},
    "information": {"confidentiality": 2, "integrity": 2, "availability": 1, "personal_data": true},
    "network_zone": "lgwan", "period": {"start": "2024-04-01", "end": "2027-03-31"},
    "clauses": ["OUT-02", "OUT-03"],
    "subcontracting": {"used": true, "approved": true, "flow_down": true},
    "verifications": [{"date": "2024-03-25", "result": "pass", "verifier": "情報推進担当"}]})json");
}

// Text that breaks naive CSV or SQL handling; every one must survive the CSV round trip.
const std::vector<std::string>& adversarial_texts() {
  static const std::vector<std::string> texts = {
      "comma, inside",
      "say \"hello\"",
      "\"starts and ends with quotes\"",
      "\"",
      ",",
      "line one\r\nline two",
      "bare LF\nhere",
      "bare CR\rhere",
      "\r\n",
      "tab\tinside",
      "\tleading tab",
      "  leading spaces",
      "trailing spaces  ",
      " both ",
      "'; DROP TABLE engagements; --",
      "Robert'); DELETE FROM engagements;--",
      "a;b;c",
      "ひかり野市 情報政策課「セキュリティ担当」",
      "ｶﾀｶﾅ半角と全角スペース\u3000あり",
      "emoji 🚒📢👨‍👩‍👧 ok",
      "=SUM(A1:A9)",
      "+81-3-1234-5678",
      "-1",
      "@user",
      "'already quoted",
      "\xEF\xBB\xBF"
      "starts with a BOM",
      "multi\n\nline\r\n\r\nwith blank lines\n",
  };
  return texts;
}

std::vector<json> adversarial_records() {
  std::vector<json> records;
  std::size_t n = 0;
  for (const std::string& text : adversarial_texts()) {
    json record = example_record();
    record["ref"] = "ADV-" + std::to_string(++n);
    record["title"] = text;
    record["responsible_person"]["name"] = text;
    record["vendor"]["certifications"][0]["number"] = text;
    record["verifications"][0]["notes"] = text;
    records.push_back(std::move(record));
  }
  return records;
}

itaku::Status csv_write_error(const json& record, const CsvArrayCapacity& capacity = {}) {
  std::ostringstream out;
  auto writer = itaku::make_csv_record_writer(out, ordered_field_types(), capacity);
  try {
    writer->write(record);
  } catch (const itaku::Error& error) {
    return error.status();
  }
  FAIL("the record was written: " << record.dump());
  return {};
}

std::vector<std::string> split_csv_header(const std::string& csv) {
  const std::string bom = "\xEF\xBB\xBF";
  REQUIRE(csv.rfind(bom, 0) == 0);
  const std::string line = csv.substr(bom.size(), csv.find("\r\n") - bom.size());
  std::vector<std::string> columns;
  std::stringstream stream(line);
  for (std::string column; std::getline(stream, column, ',');) columns.push_back(column);
  return columns;
}

std::ptrdiff_t column_position(const std::vector<std::string>& columns, const std::string& name) {
  const auto found = std::find(columns.begin(), columns.end(), name);
  return found == columns.end() ? -1 : found - columns.begin();
}

}  // namespace

TEST_CASE("CSV records: every example record reads back identical", "[io][record_writer]") {
  for (const char* example : {"/examples/engagements.jsonl", "/examples/engagements.csv"}) {
    INFO(example);
    const std::vector<json> originals = read_records(std::string(ITAKU_SOURCE_DIR) + example);
    REQUIRE(originals.size() >= 5);

    const TempFile file(".csv", "");
    {
      std::ofstream out(file.path(), std::ios::binary);
      auto writer = itaku::make_record_writer(RecordFormat::kCsv, out, ordered_field_types());
      for (const json& record : originals) writer->write(record);
      writer->finish();
    }
    require_identical(originals, read_records(file.path()));
  }
}

TEST_CASE("CSV records: columns from FieldTypes built without document order also read back", "[io][record_writer]") {
  const std::vector<json> originals = read_records(ITAKU_SOURCE_DIR "/examples/engagements.jsonl");
  require_identical(originals, round_trip(RecordFormat::kCsv, originals, schema_field_types()));
}

TEST_CASE("CSV records: hostile and non-ASCII text is written verbatim and reads back", "[io][record_writer]") {
  const std::vector<json> records = adversarial_records();
  require_identical(records, round_trip(RecordFormat::kCsv, records));

  const std::string csv = write_all(RecordFormat::kCsv, records);
  // No formula-injection apostrophe: the export must re-import exactly.
  CHECK(csv.find(",=SUM(A1:A9),") != std::string::npos);
  CHECK(csv.find("'=SUM") == std::string::npos);
  CHECK(csv.find(",@user,") != std::string::npos);
  // Quoted only where RFC 4180 needs it, quotes doubled.
  CHECK(csv.find(",\"comma, inside\",") != std::string::npos);
  CHECK(csv.find(",\"say \"\"hello\"\"\",") != std::string::npos);
  CHECK(csv.find(",'; DROP TABLE engagements; --,") != std::string::npos);
  CHECK(csv.find(",  leading spaces,") != std::string::npos);
}

TEST_CASE("CSV records: lists, booleans, integers and every section read back", "[io][record_writer]") {
  json contractor = example_record();
  contractor["ref"] = "LIST-1";
  contractor["clauses"] = {"OUT-02", "OUT-03", "OUT-04", "OUT-05", "OUT-06", "OUT-07", "OUT-08",
                           "OUT-09", "OUT-10", "OUT-11", "OUT-12", "OUT-13", "OUT-14"};
  contractor["status"] = "terminated";
  contractor["responsible_person"]["active"] = false;
  contractor["responsible_person"]["email"] = "ueno@city.example.lg.jp";
  contractor["verification_interval_months"] = 60;
  contractor["contractor"] = {{"it_system", true}, {"supply_chain_disclosed", false}};
  contractor["subcontracting"] = {{"used", false}};
  contractor["vendor"]["certifications"] = json::array();
  for (int i = 0; i < 10; ++i) {
    contractor["vendor"]["certifications"].push_back(
        {{"scheme", i % 2 ? "ISMS" : "PMARK"}, {"valid_until", "2027-01-31"}});
  }
  contractor["verifications"] = json::array();
  for (int i = 0; i < 20; ++i) {
    contractor["verifications"].push_back({{"date", "2024-0" + std::to_string(1 + i % 9) + "-01"}, {"result", "fail"}});
  }

  const json cloud = json::parse(R"json({"ref": "CLD/9", "kind": "cloud", "title": "電子申請", "department": "DX推進課",
    "vendor": {"name": "Example Cloud Inc.", "country": "US"},
    "information": {"confidentiality": 2, "integrity": 1, "availability": 1, "my_number": false},
    "period": {"start": "2025-01-01"},
    "cloud": {"service_name": "Example Forms", "terms_based": false, "data_locations": ["JP", "US"],
              "governing_law": "JP", "jurisdiction": "JP", "exit_plan": true, "data_deletion_on_exit": true,
              "use_approved": true, "service_manager": {"name": "佐藤", "department": "DX推進課"},
              "subprocessors_disclosed": false}})json");
  const json social =
      json::parse(R"json({"ref": "SNS.x_01", "kind": "social_media", "title": "市公式X", "department": "秘書広報課",
    "information": {"confidentiality": 1, "integrity": 1, "availability": 2},
    "period": {"start": "2024-07-01"},
    "social_media": {"platform": "x", "account": "@example_city", "url": "https://x.com/example_city",
                     "platform_user_id": "123456789", "official_site_listing_url": "https://www.city.example.lg.jp/sns/",
                     "profile_names_operator": true, "operating_procedure": true, "mfa": true,
                     "credential_custodian": {"name": "広報 花子", "department": "秘書広報課"},
                     "takeover_procedure": false, "availability2_mirrored": true, "shutdown_plan": false}})json");

  const std::vector<json> records = {contractor, cloud, social};
  require_identical(records, round_trip(RecordFormat::kCsv, records));

  const std::string csv = write_all(RecordFormat::kCsv, records);
  CHECK(csv.find(",JP;US,") != std::string::npos);
  CHECK(csv.find(",OUT-02;OUT-03;OUT-04;") != std::string::npos);
  CHECK(csv.find(",true,") != std::string::npos);
  CHECK(csv.find(",false,") != std::string::npos);
  CHECK(csv.find(",60,") != std::string::npos);
}

TEST_CASE("CSV records: BOM, CRLF and a header of the reader's dotted paths in schema order", "[io][record_writer]") {
  json record = example_record();
  record["verifications"][0].erase("verifier");
  const std::string csv = write_all(RecordFormat::kCsv, {record});

  REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
  REQUIRE(csv.size() >= 2);
  CHECK(csv.substr(csv.size() - 2) == "\r\n");
  // Two rows (header, record), each ending in CRLF, and no other line break.
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 2);
  CHECK(std::count(csv.begin(), csv.end(), '\r') == 2);

  const std::vector<std::string> columns = split_csv_header(csv);
  REQUIRE(columns.size() > 10);
  CHECK(std::vector<std::string>(columns.begin(), columns.begin() + 6) ==
        std::vector<std::string>{"ref", "kind", "title", "department", "status", "responsible_person.name"});
  // Document order of the engagement schema, then the sections where it names them.
  const std::vector<std::string> in_order = {"responsible_person.active",
                                             "vendor.name",
                                             "vendor.certifications.0.scheme",
                                             "vendor.certifications.0.valid_until",
                                             "vendor.certifications.1.scheme",
                                             "vendor.certifications.9.valid_until",
                                             "information.confidentiality",
                                             "information.my_number",
                                             "network_zone",
                                             "period.start",
                                             "period.end",
                                             "clauses",
                                             "subcontracting.used",
                                             "verification_interval_months",
                                             "verifications.0.date",
                                             "verifications.0.notes",
                                             "verifications.1.date",
                                             "verifications.19.notes",
                                             "contractor.it_system",
                                             "cloud.service_name",
                                             "cloud.data_locations",
                                             "cloud.service_manager.name",
                                             "social_media.platform",
                                             "social_media.credential_custodian.department",
                                             "social_media.shutdown_plan"};
  std::ptrdiff_t previous = -1;
  for (const std::string& name : in_order) {
    INFO(name);
    const std::ptrdiff_t position = column_position(columns, name);
    CHECK(position > previous);
    previous = std::max(previous, position);
  }
  CHECK(columns.back() == "social_media.shutdown_plan");
  // Columns for the default capacity, no more; no column for an object.
  CHECK(column_position(columns, "verifications.20.date") == -1);
  CHECK(column_position(columns, "vendor.certifications.10.scheme") == -1);
  CHECK(column_position(columns, "vendor") == -1);
  CHECK(column_position(columns, "cloud.service_manager") == -1);
  // Unique names.
  std::vector<std::string> sorted = columns;
  std::sort(sorted.begin(), sorted.end());
  CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());
  // The data row has a cell for every column.
  const std::string row = csv.substr(csv.find("\r\n") + 2);
  CHECK(static_cast<std::size_t>(std::count(row.begin(), row.end(), ',')) == columns.size() - 1);
}

TEST_CASE("CSV records: an export of no records is a header that reads back as no records", "[io][record_writer]") {
  const std::string csv = write_all(RecordFormat::kCsv, {});
  CHECK(split_csv_header(csv).size() > 10);
  const TempFile file(".csv", csv);
  CHECK(read_records(file.path()).empty());
}

TEST_CASE("CSV records: more array elements than columns are refused, naming ref and field", "[io][record_writer]") {
  json record = example_record();
  record["verifications"] = json::array();
  for (int i = 0; i < 21; ++i) record["verifications"].push_back({{"date", "2024-01-01"}, {"result", "pass"}});
  itaku::Status status = csv_write_error(record);
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(status.path() == "/verifications");
  CHECK_THAT(status.message(), Catch::Contains("EX-001") && Catch::Contains("verifications") && Catch::Contains("21") &&
                                   Catch::Contains("20") && Catch::Contains("--format jsonl"));

  record["verifications"].erase(20);  // 20 fit the default capacity
  std::ostringstream out;
  CHECK_NOTHROW(itaku::make_record_writer(RecordFormat::kCsv, out, ordered_field_types())->write(record));

  json certified = example_record();
  certified["vendor"]["certifications"].push_back({{"scheme", "ISMS"}, {"valid_until", "2026-01-31"}});
  status = csv_write_error(certified, CsvArrayCapacity{.verifications = 3, .certifications = 1, .other = 1});
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(status.path() == "/vendor/certifications");
  CHECK_THAT(status.message(), Catch::Contains("vendor.certifications") && Catch::Contains("--format jsonl"));
}

TEST_CASE("CSV records: the array capacity sets the columns", "[io][record_writer]") {
  std::ostringstream out;
  auto writer = itaku::make_csv_record_writer(out, ordered_field_types(),
                                              CsvArrayCapacity{.verifications = 2, .certifications = 0, .other = 1});
  json record = example_record();
  record["vendor"].erase("certifications");
  record["verifications"].push_back({{"date", "2025-03-25"}, {"result", "conditional"}});
  writer->write(record);
  writer->finish();
  const std::vector<std::string> columns = split_csv_header(out.str());
  CHECK(column_position(columns, "verifications.1.notes") >= 0);
  CHECK(column_position(columns, "verifications.2.date") == -1);
  CHECK(std::none_of(columns.begin(), columns.end(),
                     [](const std::string& c) { return c.rfind("vendor.certifications", 0) == 0; }));
  const TempFile file(".csv", out.str());
  require_identical({record}, read_records(file.path()));

  // Indices above 999 are refused by the CSV reader, so such a layout is refused up front.
  std::ostringstream unused;
  try {
    (void)itaku::make_csv_record_writer(unused, ordered_field_types(), CsvArrayCapacity{.verifications = 1001});
    FAIL("a capacity of 1001 was accepted");
  } catch (const itaku::Error& error) {
    CHECK(error.status().code() == ErrorCode::kInvalidArgument);
    CHECK(error.status().path() == "verifications.1000.date");
  }
}

TEST_CASE("CSV records: fields no schema defines are refused", "[io][record_writer]") {
  for (const std::string pointer :
       {"/colour", "/vendor/colour", "/cloud/colour", "/verifications/0/colour", "/vendor.name", "/information/0"}) {
    INFO(pointer);
    json record = example_record();
    record[json::json_pointer(pointer)] = "x";
    const itaku::Status status = csv_write_error(record);
    CHECK(status.code() == ErrorCode::kInvalidArgument);
    CHECK(status.path() == pointer);
    CHECK_THAT(status.message(), Catch::Contains("EX-001") && Catch::Contains("--format jsonl"));
  }
}

TEST_CASE("CSV records: values that would read back differently are refused", "[io][record_writer]") {
  struct Case {
    std::string pointer;
    json value;
    std::string expected_words;  // part of the English reason
  };
  const std::vector<Case> cases = {
      {"/title", "", "blank-only text"},
      {"/title", "   ", "blank-only text"},
      {"/verifications/0/notes", "\t", "blank-only text"},
      {"/clauses", json::array(), "empty array"},
      {"/clauses", json::array({"OUT-02;OUT-03"}), "contains ';'"},
      {"/clauses", json::array({" OUT-02"}), "leading or trailing blanks"},
      {"/cloud/data_locations", json::array({"JP", ""}), "empty"},
      {"/clauses", json::array({"OUT-02", 3}), "array of text"},
      {"/verifications", json::array(), "empty array"},
      {"/verifications/0", json::object(), "empty object"},
      {"/contractor", json::object(), "empty object"},
      {"/responsible_person/email", nullptr, "null"},
      {"/information/confidentiality", "2", "an integer here but the value is text"},
      {"/information/confidentiality", 2.5, "an integer"},
      {"/information/personal_data", 1, "a boolean"},
      {"/vendor", "株式会社", "an object"},
      {"/verifications", json::object({{"date", "2024-01-01"}}), "an array of objects"},
      {"/title", "\xFF\xFE broken", "not UTF-8"},
  };
  for (const Case& c : cases) {
    INFO(c.pointer << " = " << c.value.dump(-1, ' ', false, json::error_handler_t::replace));
    json record = example_record();
    record[json::json_pointer(c.pointer)] = c.value;
    const itaku::Status status = csv_write_error(record);
    CHECK(status.code() == ErrorCode::kInvalidArgument);
    CHECK(status.path().rfind(c.pointer, 0) == 0);
    CHECK_THAT(status.message(), Catch::Contains(c.expected_words) && Catch::Contains("EX-001"));
    CHECK(itaku::test::is_utf8_text(status.message()));
  }

  CHECK(csv_write_error(json::array({1, 2})).code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(csv_write_error(json::object()).message(), Catch::Contains("no ref"));
}

TEST_CASE("CSV records: a refused record leaves no trace and the export goes on", "[io][record_writer]") {
  std::ostringstream out;
  auto writer = itaku::make_record_writer(RecordFormat::kCsv, out, ordered_field_types());
  json first = example_record();
  first["ref"] = "OK-1";
  json refused = example_record();
  refused["ref"] = "BAD-1";
  refused["information"]["colour"] = "red";
  json last = example_record();
  last["ref"] = "OK-2";

  writer->write(first);
  CHECK_THROWS_AS(writer->write(refused), itaku::Error);
  writer->write(last);
  writer->finish();
  CHECK(out.str().find("BAD-1") == std::string::npos);
  const TempFile file(".csv", out.str());
  require_identical({first, last}, read_records(file.path()));
}

TEST_CASE("CSV records: the errors count records from 1", "[io][record_writer]") {
  std::ostringstream out;
  auto writer = itaku::make_record_writer(RecordFormat::kCsv, out, ordered_field_types());
  writer->write(example_record());
  json second = example_record();
  second["ref"] = "R7-002";
  second["title"] = " ";
  try {
    writer->write(second);
    FAIL("a blank title was written");
  } catch (const itaku::Error& error) {
    CHECK_THAT(error.status().message(), Catch::StartsWith("レコード 2（ref 'R7-002'）の項目 title") &&
                                             Catch::Contains("record 2 (ref 'R7-002'), field title"));
  }
}

TEST_CASE("CSV records: any schema's number and nested object arrays round trip", "[io][record_writer]") {
  // A plugin section with a number, an array of objects and a list inside it.
  const auto engagement = nlohmann::ordered_json::parse(R"json({"type": "object", "properties": {
      "ref": {"type": "string"}, "score": {"type": "number"}, "lab": {"type": "object"}}})json");
  const auto section = nlohmann::ordered_json::parse(R"json({"type": "object", "properties": {
      "samples": {"type": "array", "items": {"$ref": "#/definitions/sample"}}},
      "definitions": {"sample": {"type": "object", "properties": {
          "weight": {"type": "number"}, "tags": {"type": "array", "items": {"type": "string"}}}}}})json");
  const FieldTypes types(engagement, {{"lab", section}});

  std::vector<json> records;
  for (const double score : {0.1, -2.5, 1e300, 3.0, 5e-324}) {
    records.push_back({{"ref", "N" + std::to_string(records.size())}, {"score", score}});
  }
  records.push_back({{"ref", "INT"}, {"score", 7}});
  records.push_back(json::parse(
      R"json({"ref": "LAB", "lab": {"samples": [{"weight": 1.25, "tags": ["a", "b c"]}, {"tags": ["x"]}]}})json"));

  std::ostringstream out;
  auto writer = itaku::make_csv_record_writer(out, types, CsvArrayCapacity{.other = 2});
  for (const json& record : records) writer->write(record);
  writer->finish();
  CHECK(split_csv_header(out.str()) == std::vector<std::string>{"ref", "score", "lab.samples.0.weight",
                                                                "lab.samples.0.tags", "lab.samples.1.weight",
                                                                "lab.samples.1.tags"});
  const TempFile file(".csv", out.str());
  require_identical(records, read_records(file.path(), types));

  json infinite = {{"ref", "INF"}, {"score", std::numeric_limits<double>::infinity()}};
  std::ostringstream unused;
  auto refusing = itaku::make_csv_record_writer(unused, types, CsvArrayCapacity{});
  CHECK_THROWS_AS(refusing->write(infinite), itaku::Error);
}

TEST_CASE("CSV records: a writer needs schemas with fields", "[io][record_writer]") {
  std::ostringstream out;
  CHECK_THROWS_AS(itaku::make_record_writer(RecordFormat::kCsv, out, FieldTypes()), itaku::Error);
}

TEST_CASE("Record writers report a failed output stream", "[io][record_writer]") {
  for (const RecordFormat format : {RecordFormat::kCsv, RecordFormat::kJsonl}) {
    std::ostringstream out;
    auto writer = itaku::make_record_writer(format, out, ordered_field_types());
    out.setstate(std::ios::badbit);
    try {
      writer->write(example_record());
      writer->finish();
      FAIL("a failed stream went unnoticed");
    } catch (const itaku::Error& error) {
      CHECK(error.status().code() == ErrorCode::kUnavailable);
    }
  }
}

TEST_CASE("JSONL records: one compact object per line, reading back identical", "[io][record_writer]") {
  std::vector<json> records = read_records(ITAKU_SOURCE_DIR "/examples/engagements.jsonl");
  // JSON Lines holds what CSV refuses.
  json anything = example_record();
  anything["ref"] = "ANY";
  anything["notes_not_in_schema"] = {{"nested", {1, 2.5, nullptr}}};
  anything["clauses"] = json::array();
  anything["title"] = "";
  records.push_back(anything);
  for (json& record : adversarial_records()) records.push_back(std::move(record));

  const std::string text = write_all(RecordFormat::kJsonl, records);
  CHECK(text.find('\r') == std::string::npos);          // CR inside strings is escaped
  CHECK(text.find("ひかり野市") != std::string::npos);  // UTF-8, not \u escapes
  std::istringstream lines(text);
  std::size_t count = 0;
  for (std::string line; std::getline(lines, line); ++count) {
    REQUIRE(count < records.size());
    CHECK(line == records[count].dump());  // compact: no indentation, no spaces after separators
  }
  CHECK(count == records.size());
  CHECK(text.back() == '\n');
  require_identical(records, round_trip(RecordFormat::kJsonl, records));
}

TEST_CASE("JSONL records: non-objects and non-UTF-8 text are refused", "[io][record_writer]") {
  std::ostringstream out;
  auto writer = itaku::make_record_writer(RecordFormat::kJsonl, out, ordered_field_types());
  CHECK_THROWS_AS(writer->write(json::array()), itaku::Error);
  json broken = example_record();
  broken["title"] = "\xC3";
  try {
    writer->write(broken);
    FAIL("non-UTF-8 text was written");
  } catch (const itaku::Error& error) {
    CHECK(error.status().code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(error.status().message(), Catch::Contains("EX-001"));
  }
  CHECK(out.str().empty());
}

TEST_CASE("Record format names", "[io][record_writer]") {
  CHECK(itaku::parse_record_format("jsonl").value() == RecordFormat::kJsonl);
  CHECK(itaku::parse_record_format("csv").value() == RecordFormat::kCsv);
  CHECK(itaku::parse_record_format("xlsx").value() == RecordFormat::kXlsx);
  for (const char* bad : {"json", "CSV", "", "md", "xls", "XLSX"}) {
    const auto parsed = itaku::parse_record_format(bad);
    REQUIRE_FALSE(parsed.is_ok());
    CHECK(parsed.status().code() == ErrorCode::kInvalidArgument);
    CHECK_THAT(parsed.status().message(),
               Catch::Contains("jsonl") && Catch::Contains("csv") && Catch::Contains("xlsx"));
  }
}

TEST_CASE("FieldTypes lists value fields in schema order, typed as type_of says", "[io][field_types][record_writer]") {
  std::vector<std::vector<std::string>> asked;
  const auto fields = ordered_field_types().leaf_fields([&](const std::vector<std::string>& array_path) {
    asked.push_back(array_path);
    return std::size_t{2};
  });
  REQUIRE_FALSE(fields.empty());
  for (const FieldTypes::LeafField& field : fields) {
    CHECK(ordered_field_types().type_of(field.path) == field.type);
    CHECK(field.type != FieldType::kObject);
    CHECK(field.type != FieldType::kObjectArray);
  }
  CHECK(std::find(asked.begin(), asked.end(), std::vector<std::string>{"verifications"}) != asked.end());
  CHECK(std::find(asked.begin(), asked.end(), std::vector<std::string>{"vendor", "certifications"}) != asked.end());
  CHECK(fields.front().path == std::vector<std::string>{"ref"});
  CHECK(fields.back().path == std::vector<std::string>{"social_media", "shutdown_plan"});

  // Arrays given no elements contribute no fields; both constructors list the same set.
  const auto none = [](const std::vector<std::string>&) { return std::size_t{0}; };
  auto ordered = ordered_field_types().leaf_fields(none);
  auto sorted = schema_field_types().leaf_fields(none);
  CHECK(std::none_of(ordered.begin(), ordered.end(),
                     [](const FieldTypes::LeafField& f) { return f.path.front() == "verifications"; }));
  const auto by_path = [](const FieldTypes::LeafField& a, const FieldTypes::LeafField& b) { return a.path < b.path; };
  std::sort(ordered.begin(), ordered.end(), by_path);
  std::sort(sorted.begin(), sorted.end(), by_path);
  REQUIRE(ordered.size() == sorted.size());
  for (std::size_t i = 0; i < ordered.size(); ++i) CHECK(ordered[i].path == sorted[i].path);
  CHECK(FieldTypes().leaf_fields(none).empty());
}

TEST_CASE("FieldTypes lists a self-referencing schema once, without recursing", "[io][field_types][record_writer]") {
  const auto engagement = nlohmann::ordered_json::parse(R"json({"type": "object", "properties": {
      "ref": {"type": "string"}, "node": {"$ref": "#/definitions/node"}},
      "definitions": {"node": {"type": "object", "properties": {
          "name": {"type": "string"}, "child": {"$ref": "#/definitions/node"},
          "children": {"type": "array", "items": {"$ref": "#/definitions/node"}}}}}})json");
  const FieldTypes types(engagement, {});
  const auto fields = types.leaf_fields([](const std::vector<std::string>&) { return std::size_t{10}; });
  std::vector<std::vector<std::string>> paths;
  for (const FieldTypes::LeafField& field : fields) paths.push_back(field.path);
  CHECK(paths == std::vector<std::vector<std::string>>{{"ref"}, {"node", "name"}});
}

#include <catch2/catch.hpp>

#include "io_test_support.hpp"
#include "itaku/io/ledger.hpp"

using itaku::ErrorCode;
using itaku::test::read_all;
using itaku::test::schema_field_types;
using itaku::test::TempFile;
using nlohmann::json;

namespace {

itaku::LedgerMapping mapping_of(const std::string& text) {
  auto mapping = itaku::parse_ledger_mapping(json::parse(text), schema_field_types());
  if (!mapping) FAIL(mapping.status().message());
  return std::move(mapping).value();
}

const char* const kMapping = R"({
  "ref": "K-{番号}",
  "columns": {"件名": "title", "所管課": "department", "契約日": "period.start", "業者名": "vendor.name",
              "法人番号": "vendor.corporate_number", "個人情報": "information.personal_data", "作成者": null},
  "defaults": {"kind": "contractor", "information.confidentiality": 2, "information.integrity": 1,
               "information.availability": 1}
})";

std::unique_ptr<itaku::LedgerSource> open_ledger(const TempFile& file, const itaku::LedgerMapping& mapping) {
  auto source = itaku::open_ledger_source(file.path(), &mapping, std::nullopt, schema_field_types());
  if (!source) FAIL(source.status().message());
  return std::move(source).value();
}

}  // namespace

TEST_CASE("ledger: the header row is found under a title, and headers match across blanks, breaks and width", "[io][ledger]") {
  const TempFile file(".csv",
                      "令和5年度 委託契約台帳,,,,,,,,\n"
                      ",,,,,,,,\n"
                      "番号,件名,\"所管\n課\",契 約 日,業者名,法人番号,個人情報,契約金額,作成者\n"
                      "1,窓口業務委託,市民課,令和5年4月1日,株式会社テスト,４０１１００１０９８９９３,有,\"1,200,000\",山田\n");
  const auto mapping = mapping_of(kMapping);
  auto source = open_ledger(file, mapping);
  const auto records = read_all(*source);
  REQUIRE(records.size() == 1);
  REQUIRE(records[0].json.is_ok());
  CHECK(records[0].number == 4);  // the row number Excel shows
  CHECK(*records[0].json == json::parse(R"({
    "ref": "K-1", "kind": "contractor", "title": "窓口業務委託", "department": "市民課",
    "period": {"start": "2023-04-01"},
    "vendor": {"name": "株式会社テスト", "corporate_number": "4011001098993"},
    "information": {"personal_data": true, "confidentiality": 2, "integrity": 1, "availability": 1},
    "ledger": {"契約金額": "1,200,000"}})"));
  const auto& info = source->info();
  CHECK(info.encoding == "UTF-8");
  CHECK(info.header_row == 3);
  CHECK(info.ledger_columns == std::vector<std::string>{"契約金額"});
  CHECK(info.ignored_columns == std::vector<std::string>{"作成者"});
}

TEST_CASE("ledger: footnotes, totals and repeated headers are set aside with their row, contracts are not", "[io][ledger]") {
  const TempFile file(".csv",
                      "番号,件名,所管課,契約日,業者名,法人番号,個人情報\n"
                      "1,注文システム保守,情報課,2023/4/1,株式会社テスト,4011001098993,無\n"
                      "番号,件名,所管課,契約日,業者名,法人番号,個人情報\n"
                      "2,※公益法人の区分において「公財」は公益財団法人をいう。,,,,,\n"
                      ",合計,,,,,\n"
                      "3,清掃業務,総務課,R5.4.1,株式会社テスト,4011001098993,○\n");
  const auto mapping = mapping_of(kMapping);
  auto source = open_ledger(file, mapping);
  const auto records = read_all(*source);
  REQUIRE(records.size() == 2);
  CHECK(records[0].json.is_ok());  // a title that starts with 注 is still a contract
  CHECK(records[1].number == 6);
  CHECK((*records[1].json)["period"]["start"] == "2023-04-01");
  const auto& skipped = source->info().skipped;
  REQUIRE(skipped.size() == 3);
  CHECK(skipped[0].row == 3);
  CHECK(skipped[0].why_en == "a repeated header row");
  CHECK(skipped[1].row == 4);
  CHECK_THAT(skipped[1].text, Catch::StartsWith("※公益法人"));
  CHECK(skipped[2].row == 5);
  CHECK(skipped[2].text == "合計");
}

TEST_CASE("ledger: every bad cell of a row is reported at once, each with its column and the cell as written", "[io][ledger]") {
  const TempFile file(".csv",
                      "番号,件名,所管課,契約日,業者名,法人番号,個人情報\n"
                      "7,窓口業務委託,市民課,2023/2/30,株式会社テスト,4.01100E+12,たぶん\n"
                      ",保守,情報課,2023-04-01,株式会社テスト,,\n");
  const auto mapping = mapping_of(kMapping);
  auto source = open_ledger(file, mapping);
  const auto records = read_all(*source);
  REQUIRE(records.size() == 2);
  const auto& bad = records[0];
  // The row without its bad cells, for the schemas to check the rest; the cells' problems beside it.
  REQUIRE(bad.json.is_ok());
  CHECK((*bad.json)["ref"] == "K-7");
  CHECK_FALSE(bad.json->contains("period"));
  std::vector<std::string> paths;
  for (const auto& problem : bad.further_errors) paths.push_back(problem.path());
  CHECK(paths == std::vector<std::string>{"/period/start", "/vendor/corporate_number", "/information/personal_data"});
  CHECK_THAT(bad.further_errors[1].message(), Catch::Contains("Excel") && Catch::Contains("文字列"));
  bool found = false;
  for (const auto& origin : bad.origins) {
    if (origin.pointer == "/vendor/corporate_number") {
      CHECK(origin.column == "法人番号");
      CHECK(origin.text == "4.01100E+12");
      found = true;
    }
  }
  CHECK(found);
  // The row without a 番号 cannot make its ref; the message names the column.
  REQUIRE(records[1].further_errors.size() == 1);
  CHECK(records[1].further_errors[0].path() == "/ref");
  CHECK_THAT(records[1].further_errors[0].message(), Catch::Contains("「番号」が空です"));
}

TEST_CASE("ledger: a Shift_JIS (CP932) file is detected and read, and the summary says so", "[io][ledger]") {
  // 窓口業務委託 / 市民課 / ①号 in CP932: what Excel's 「CSV (コンマ区切り)」 writes on Japanese Windows.
  const std::string cp932 =
      "\x94\xd4\x8d\x86,\x8c\x8f\x96\xbc,\x8f\x8a\x8a\xc7\x89\xdb,\x8c\x5f\x96\xf1\x93\xfa,\x8b\xc6\x8e\xd2\x96\xbc\r\n"
      "1,\x91\x8b\x8c\xfb\x8b\xc6\x96\xb1\x88\xcf\x91\xf5\x87\x40,\x8e\x73\x96\xaf\x89\xdb,20230401,\x8a\x94\x8e\xae\x89\xef\x8e\xd0\r\n";
  const TempFile file(".csv", cp932);
  const auto mapping = mapping_of(R"({"ref": "K-{番号}", "columns": {"件名": "title", "所管課": "department",
      "契約日": "period.start", "業者名": "vendor.name"}, "defaults": {"kind": "contractor"}})");
  auto source = open_ledger(file, mapping);
  const auto records = read_all(*source);
  REQUIRE(records.size() == 1);
  REQUIRE(records[0].json.is_ok());
  CHECK((*records[0].json)["title"] == "窓口業務委託①");
  CHECK((*records[0].json)["department"] == "市民課");
  CHECK((*records[0].json)["vendor"]["name"] == "株式会社");
  CHECK(source->info().encoding == "Shift_JIS (CP932)");
}

TEST_CASE("ledger: a UTF-8 file with a byte-order mark is read, the mark not part of the first header", "[io][ledger]") {
  const TempFile file(".csv", "\xEF\xBB\xBF番号,件名\n1,保守\n");
  const auto mapping = mapping_of(R"({"ref": "K-{番号}", "columns": {"件名": "title"}})");
  auto source = open_ledger(file, mapping);
  const auto records = read_all(*source);
  REQUIRE(records.size() == 1);
  CHECK((*records[0].json)["ref"] == "K-1");
  CHECK(source->info().encoding == "UTF-8 (BOM)");
}

TEST_CASE("ledger: a mapping's problems and a ledger's missing headers are all named in one message", "[io][ledger]") {
  const auto bad = itaku::parse_ledger_mapping(json::parse(R"({
      "columns": {"件名": "titel", "所管課": "vendor", "金額": 5, "業者名": "vendor.name", "業者": "vendor.name"},
      "ref": "K-{番号",
      "defaults": {"information.confidentialty": 2},
      "colums": {}})"),
                                               schema_field_types());
  REQUIRE_FALSE(bad.is_ok());
  const std::string& message = bad.status().message();
  for (const char* place : {"/columns/件名", "/columns/所管課", "/columns/金額", "/columns/業者", "/ref",
                            "/defaults/information.confidentialty", "/colums"}) {
    CHECK_THAT(message, Catch::Contains(place));
  }
  CHECK(message.find("対応付けファイルに問題があります") < message.find(" / the mapping file has problems"));

  const TempFile file(".csv", "番号,件名,所管\n1,保守,情報課\n");
  const auto mapping = mapping_of(R"({"ref": "K-{No}", "columns": {"件名": "title", "所管課": "department"}})");
  auto source = itaku::open_ledger_source(file.path(), &mapping, std::nullopt, schema_field_types());
  REQUIRE_FALSE(source.is_ok());
  CHECK_THAT(source.status().message(), Catch::Contains("「所管課」") && Catch::Contains("「No」") &&
                                             Catch::Contains("番号, 件名, 所管"));
}

TEST_CASE("ledger: a sheet name on a CSV, and files that are not ledgers, are refused plainly", "[io][ledger]") {
  const TempFile csv(".csv", "番号,件名\n1,保守\n");
  const auto mapping = mapping_of(R"({"ref": "K-{番号}", "columns": {"件名": "title"}})");
  auto with_sheet = itaku::open_ledger_source(csv.path(), &mapping, std::string("Sheet1"), schema_field_types());
  REQUIRE_FALSE(with_sheet.is_ok());
  CHECK_THAT(with_sheet.status().message(), Catch::Contains("--sheet"));
  const TempFile jsonl(".jsonl", "{}\n");
  auto not_ledger = itaku::open_ledger_source(jsonl.path(), &mapping, std::nullopt, schema_field_types());
  REQUIRE_FALSE(not_ledger.is_ok());
  CHECK_THAT(not_ledger.status().message(), Catch::Contains(".csv") && Catch::Contains(".xlsx"));
}

TEST_CASE("ledger: two columns kept under one ledger key, a NUL in a cell, a header too long for a key: each said plainly",
          "[io][ledger]") {
  const auto twice = itaku::parse_ledger_mapping(
      json::parse(R"({"ref": "K-{番号}", "columns": {"a": "ledger.x", "b": "ledger.x"}})"), schema_field_types());
  REQUIRE_FALSE(twice.is_ok());
  CHECK_THAT(twice.status().message(), Catch::Contains("/columns/b") && Catch::Contains("「x」"));

  const auto mapping = mapping_of(R"({"ref": "K-{番号}", "columns": {"件名": "title"}})");
  const std::string nul_byte(1, '\0');
  const TempFile nul(".csv", "番号,件名,備考\n1,シス" + nul_byte + "テム,a" + nul_byte + "b\n");
  auto source = open_ledger(nul, mapping);
  const auto records = read_all(*source);
  REQUIRE(records.size() == 1);
  REQUIRE(records[0].further_errors.size() == 2);
  CHECK(records[0].further_errors[0].path() == "/title");
  CHECK(records[0].further_errors[1].path() == "/ledger/備考");
  CHECK_THAT(records[0].further_errors[0].message(), Catch::Contains("NUL"));

  const TempFile long_header(".csv", "番号,件名," + std::string(101, 'x') + "\n1,保守,a\n");
  auto refused = itaku::open_ledger_source(long_header.path(), &mapping, std::nullopt, schema_field_types());
  REQUIRE_FALSE(refused.is_ok());
  CHECK_THAT(refused.status().message(), Catch::Contains("ledger.短い名前") && Catch::Contains("100"));
}

TEST_CASE("ledger: a value right of the last header is refused with its column letter, not dropped", "[io][ledger]") {
  const auto mapping = mapping_of(R"({"ref": "K-{番号}", "columns": {"件名": "title"}})");
  const TempFile file(".csv", "番号,件名\n1,保守,余分な値\n");
  auto source = open_ledger(file, mapping);
  const auto records = read_all(*source);
  REQUIRE(records.size() == 1);
  REQUIRE(records[0].further_errors.size() == 1);
  CHECK_THAT(records[0].further_errors[0].message(), Catch::Contains("C 列に値「余分な値」"));
}

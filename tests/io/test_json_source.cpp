#include <catch2/catch.hpp>

#include "io_test_support.hpp"

using itaku::ErrorCode;
using itaku::test::open_ok;
using itaku::test::read_all;
using itaku::test::schema_field_types;
using itaku::test::TempFile;

TEST_CASE("JSON: an array of objects gives one record per element, numbered from 1", "[io][json]") {
  const TempFile file(".json", R"([
    {"ref": "J-1", "kind": "contractor"},
    {"ref": "J-2", "kind": "cloud"},
    {"ref": "J-3", "kind": "social_media"}
  ])");
  auto source = open_ok(file.path());
  const auto records = read_all(*source);
  REQUIRE(records.size() == 3);
  for (std::size_t i = 0; i < records.size(); ++i) {
    CHECK(records[i].number == i + 1);
    REQUIRE(records[i].json.is_ok());
    CHECK(records[i].json.value().at("ref") == "J-" + std::to_string(i + 1));
  }
  CHECK(records[1].json.value().at("kind") == "cloud");
}

TEST_CASE("JSON: a single object is record 1", "[io][json]") {
  const TempFile file(".json", "\xEF\xBB\xBF{\"ref\": \"EX-001\", \"department\": \"市民課\"}\n");
  const auto records = read_all(*open_ok(file.path()));
  REQUIRE(records.size() == 1);
  CHECK(records[0].number == 1);
  REQUIRE(records[0].json.is_ok());
  CHECK(records[0].json.value().at("department") == "市民課");
}

TEST_CASE("JSON: an element that is not an object is an error record and the rest are read", "[io][json]") {
  const TempFile file(".json", R"([{"ref": "K-1"}, "K-2", null, {"ref": "K-4"}])");
  const auto records = read_all(*open_ok(file.path()));
  REQUIRE(records.size() == 4);
  CHECK(records[0].json.is_ok());
  REQUIRE_FALSE(records[1].json.is_ok());
  CHECK(records[1].number == 2);
  CHECK_THAT(records[1].json.status().message(), Catch::Contains("must be a JSON object, got string"));
  CHECK_THAT(records[2].json.status().message(), Catch::Contains("got null"));
  REQUIRE(records[3].json.is_ok());
  CHECK(records[3].number == 4);
  CHECK(records[3].json.value().at("ref") == "K-4");
}

TEST_CASE("JSON: an empty array has no records", "[io][json]") {
  const TempFile file(".json", "[]");
  CHECK(read_all(*open_ok(file.path())).empty());
}

TEST_CASE("JSON: a document that is neither object nor array is refused at open", "[io][json]") {
  const TempFile file(".json", "\"just text\"");
  const auto opened = itaku::open_record_source(file.path(), schema_field_types());
  REQUIRE_FALSE(opened.is_ok());
  CHECK(opened.status().code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(opened.status().message(), Catch::Contains("one object or an array of objects, got string"));
}

TEST_CASE("JSON: a syntax error is refused at open with its line and column", "[io][json]") {
  const TempFile file(".json", "[\n  {\"ref\": \"L-1\"},\n  {\"ref\": \"L-2\",}\n]\n");
  const auto opened = itaku::open_record_source(file.path(), schema_field_types());
  REQUIRE_FALSE(opened.is_ok());
  CHECK(opened.status().code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(opened.status().message(), Catch::Contains("invalid JSON at line 3, column 17"));
}

TEST_CASE("JSON: a syntax error at a multi-byte character keeps the message UTF-8", "[io][json]") {
  const TempFile file(".json", "[{\"ref\": \"L-1\", \"title\" 窓口}]");
  const auto opened = itaku::open_record_source(file.path(), schema_field_types());
  REQUIRE_FALSE(opened.is_ok());
  CHECK(itaku::test::is_utf8_text(opened.status().message()));
  CHECK_THAT(opened.status().message(), Catch::Contains("invalid JSON at line 1, column 25"));
  CHECK_THAT(opened.status().message(), Catch::Contains("last read: '\"title\" \xEF\xBF\xBD'"));
}

TEST_CASE("JSON: a Shift_JIS document is refused as not UTF-8", "[io][json]") {
  const TempFile file(".json", "{\"ref\": \"M-1\", \"department\": \"\x8E\x73\x96\xAF\x89\xDB\"}");
  const auto opened = itaku::open_record_source(file.path(), schema_field_types());
  REQUIRE_FALSE(opened.is_ok());
  CHECK_THAT(opened.status().message(), Catch::Contains("Shift_JIS"));
  CHECK(itaku::test::is_utf8_text(opened.status().message()));
}

TEST_CASE("JSON: a number too large for a double is bad input at its pointer, not an internal error", "[io][json]") {
  const TempFile file(".json", "[\n  {\"ref\": \"N-1\"},\n  {\"ref\": \"N-2\", \"information\": {\"confidentiality\": " +
                                   std::string(400, '9') + "}}\n]\n");
  const auto opened = itaku::open_record_source(file.path(), schema_field_types());
  REQUIRE_FALSE(opened.is_ok());
  CHECK(opened.status().code() == ErrorCode::kInvalidArgument);
  CHECK(opened.status().path() == "/1/information/confidentiality");
  CHECK_THAT(opened.status().message(), Catch::Contains("number out of range at /1/information/confidentiality"));
  CHECK_THAT(opened.status().message(), Catch::Contains("数値が大きすぎます"));
}

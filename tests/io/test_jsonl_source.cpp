#include <catch2/catch.hpp>

#include <sstream>

#include "io_test_support.hpp"

using itaku::ErrorCode;
using itaku::SourceRecord;
using itaku::test::read_all;
using itaku::test::TempFile;

namespace {

std::vector<SourceRecord> read_jsonl_text(const std::string& text) {
  std::istringstream in(text);
  auto source = itaku::make_jsonl_source(in, "-");
  return read_all(*source);
}

}  // namespace

TEST_CASE("JSON Lines: one record per line, numbered by line, blank lines skipped", "[io][jsonl]") {
  const TempFile file(".jsonl",
                      "{\"ref\": \"A-1\", \"information\": {\"confidentiality\": 2}}\n"
                      "\n"
                      "{\"ref\": \"A-2\", \"title\": \"窓口受付業務委託\"}\n"
                      "   \t\n"
                      "{\"ref\": \"A-3\"}");  // the last line has no newline
  auto source = itaku::test::open_ok(file.path());
  CHECK(source->name() == file.path());
  const auto records = read_all(*source);
  REQUIRE(records.size() == 3);
  CHECK(records[0].number == 1);
  CHECK(records[1].number == 3);
  CHECK(records[2].number == 5);
  REQUIRE(records[0].json.is_ok());
  CHECK(records[0].json.value() == nlohmann::json::parse(R"({"ref": "A-1", "information": {"confidentiality": 2}})"));
  CHECK(records[1].json.value().at("title") == "窓口受付業務委託");
  CHECK(records[2].json.value().at("ref") == "A-3");
  CHECK_FALSE(source->next());
}

TEST_CASE("JSON Lines tolerates CRLF line ends and a UTF-8 BOM on the first line", "[io][jsonl]") {
  const auto records = read_jsonl_text("\xEF\xBB\xBF{\"ref\": \"B-1\"}\r\n\r\n{\"ref\": \"B-2\"}\r\n");
  REQUIRE(records.size() == 2);
  REQUIRE(records[0].json.is_ok());
  CHECK(records[0].json.value().at("ref") == "B-1");
  CHECK(records[1].number == 3);
  CHECK(records[1].json.value().at("ref") == "B-2");
}

TEST_CASE("JSON Lines: files joined with cat keep working across the second file's BOM", "[io][jsonl]") {
  const auto records = read_jsonl_text("{\"ref\": \"C-1\"}\n\xEF\xBB\xBF{\"ref\": \"C-2\"}\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].json.is_ok());
  REQUIRE(records[1].json.is_ok());
  CHECK(records[1].json.value().at("ref") == "C-2");
}

TEST_CASE("JSON Lines: a bad line becomes an error record and reading goes on", "[io][jsonl]") {
  const auto records = read_jsonl_text(
      "{\"ref\": \"D-1\"}\n"
      "{\"ref\": \"D-2\", }\n"
      "{\"ref\": \"D-3\"}\n");
  REQUIRE(records.size() == 3);
  CHECK(records[0].json.is_ok());
  REQUIRE_FALSE(records[1].json.is_ok());
  const itaku::Status& status = records[1].json.status();
  CHECK(status.code() == ErrorCode::kInvalidArgument);
  CHECK(status.path().empty());
  CHECK_THAT(status.message(), Catch::Contains("invalid JSON at column 16: unexpected '}'"));
  CHECK_THAT(status.message(), !Catch::Contains("json.exception"));
  CHECK(records[1].number == 2);
  REQUIRE(records[2].json.is_ok());
  CHECK(records[2].json.value().at("ref") == "D-3");
}

TEST_CASE("JSON Lines: the error column counts characters, not bytes", "[io][jsonl]") {
  // "{"名前": }": the '}' is the 8th character but the 12th byte.
  const auto records = read_jsonl_text("{\"名前\": }\n");
  REQUIRE(records.size() == 1);
  REQUIRE_FALSE(records[0].json.is_ok());
  CHECK_THAT(records[0].json.status().message(), Catch::Contains("invalid JSON at column 8:"));
  CHECK_THAT(records[0].json.status().message(), Catch::Contains("8 文字目"));
}

TEST_CASE("JSON Lines: a character where JSON expects a value is quoted whole, so the message stays UTF-8",
          "[io][jsonl]") {
  // nlohmann quotes what it read up to the failing byte, the first of the three bytes of '値'.
  const auto records = read_jsonl_text("{\"a\": 値}\n");
  REQUIRE(records.size() == 1);
  REQUIRE_FALSE(records[0].json.is_ok());
  const std::string& message = records[0].json.status().message();
  CHECK(itaku::test::is_utf8_text(message));
  CHECK_THAT(message, Catch::Contains("invalid JSON at column 7"));
  CHECK_THAT(message, Catch::Contains("last read: '\"a\": \xEF\xBF\xBD'"));
}

TEST_CASE("JSON Lines: a truncated line reports where the input ended", "[io][jsonl]") {
  const auto records = read_jsonl_text("{\"ref\": \"E-1\", \"period\": {\"start\": \"2025-04-01\"\n");
  REQUIRE(records.size() == 1);
  REQUIRE_FALSE(records[0].json.is_ok());
  CHECK_THAT(records[0].json.status().message(), Catch::Contains("column 48"));
  CHECK_THAT(records[0].json.status().message(), Catch::Contains("unexpected end of input"));
}

TEST_CASE("JSON Lines: every line must hold an object", "[io][jsonl]") {
  const auto records = read_jsonl_text("[{\"ref\": \"F-1\"}]\n\"F-2\"\n42\n");
  REQUIRE(records.size() == 3);
  for (const auto& record : records) {
    REQUIRE_FALSE(record.json.is_ok());
    CHECK_THAT(record.json.status().message(), Catch::Contains("must be a JSON object"));
  }
  CHECK_THAT(records[0].json.status().message(), Catch::Contains("array"));
  CHECK_THAT(records[1].json.status().message(), Catch::Contains("string"));
  CHECK_THAT(records[2].json.status().message(), Catch::Contains("number"));
}

TEST_CASE("JSON Lines: a Shift_JIS line is reported as an encoding problem", "[io][jsonl]") {
  // 市民課 in CP932, as an older tool would write it.
  const auto records = read_jsonl_text("{\"ref\": \"G-1\"}\n{\"ref\": \"G-2\", \"department\": \"\x8E\x73\x96\xAF\x89\xDB\"}\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].json.is_ok());
  REQUIRE_FALSE(records[1].json.is_ok());
  const std::string& message = records[1].json.status().message();
  CHECK_THAT(message, Catch::Contains("not UTF-8"));
  CHECK_THAT(message, Catch::Contains("Shift_JIS"));
  CHECK_THAT(message, Catch::Contains("line 2"));
  CHECK(itaku::test::is_utf8_text(message));
}

TEST_CASE("JSON Lines: other invalid UTF-8 is reported without guessing Shift_JIS", "[io][jsonl]") {
  // A lone continuation byte and a truncated sequence: neither UTF-8 nor plausible CP932.
  const auto records = read_jsonl_text("{\"ref\": \"H-1\", \"title\": \"\x80\xFD\xFE\"}\n");
  REQUIRE(records.size() == 1);
  REQUIRE_FALSE(records[0].json.is_ok());
  const std::string& message = records[0].json.status().message();
  CHECK_THAT(message, Catch::Contains("not valid UTF-8"));
  CHECK_THAT(message, !Catch::Contains("Shift_JIS"));
  CHECK(itaku::test::is_utf8_text(message));
}

TEST_CASE("JSON Lines reads its input as it goes, not all at once", "[io][jsonl]") {
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "{\"ref\": \"R-" + std::to_string(i) + "\", \"title\": \"定期確認\"}\n";
  std::istringstream in(text);
  auto source = itaku::make_jsonl_source(in, "-");
  auto first = source->next();
  REQUIRE(first);
  CHECK(first->json.value().at("ref") == "R-0");
  const auto consumed = static_cast<std::size_t>(in.tellg());
  CHECK(consumed > 0);
  CHECK(consumed < text.size() / 100);
  std::size_t count = 1;
  while (auto record = source->next()) {
    REQUIRE(record->json.is_ok());
    CHECK(record->number == ++count);
    if (count == 20000) CHECK(record->json.value().at("ref") == "R-19999");
  }
  CHECK(count == 20000);
}

TEST_CASE("JSON Lines from a caller's stream (stdin) keeps the given name", "[io][jsonl]") {
  std::istringstream in("{\"ref\": \"S-1\"}\n");
  auto source = itaku::make_jsonl_source(in, "-");
  CHECK(source->name() == "-");
  const auto records = read_all(*source);
  REQUIRE(records.size() == 1);
  CHECK(records[0].json.value().at("ref") == "S-1");
}

TEST_CASE("JSON Lines: a number too large for a double makes that line an invalid record at the number's pointer",
          "[io][jsonl]") {
  const auto records = read_jsonl_text("{\"ref\": \"A-1\"}\n"
                                       "{\"ref\": \"A-2\", \"verifications\": [{\"x\": 1}, {\"x\": 1e400}]}\n"
                                       "{\"ref\": \"A-3\", \"a~b/c\": -" + std::string(400, '1') + "}\n"
                                       "{\"ref\": \"A-4\"}\n");
  REQUIRE(records.size() == 4);
  CHECK(records[0].json.is_ok());
  REQUIRE_FALSE(records[1].json.is_ok());
  CHECK(records[1].json.status().code() == ErrorCode::kInvalidArgument);
  CHECK(records[1].json.status().path() == "/verifications/1/x");
  CHECK_THAT(records[1].json.status().message(), Catch::Contains("'1e400' does not fit"));
  REQUIRE_FALSE(records[2].json.is_ok());
  CHECK(records[2].json.status().path() == "/a~0b~1c");
  CHECK_THAT(records[2].json.status().message(), Catch::Contains("…"));  // the number is shortened
  CHECK(records[3].json.is_ok());
}

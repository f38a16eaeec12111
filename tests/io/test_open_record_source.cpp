#include <catch2/catch.hpp>

#include <set>

#include "io_test_support.hpp"

using itaku::ErrorCode;
using itaku::test::open_ok;
using itaku::test::read_all;
using itaku::test::schema_field_types;
using itaku::test::TempFile;

TEST_CASE("open_record_source: a missing file is kNotFound naming the path", "[io][dispatch]") {
  const std::string path = (std::filesystem::temp_directory_path() / "itaku-test-io-does-not-exist.jsonl").string();
  const auto opened = itaku::open_record_source(path, schema_field_types());
  REQUIRE_FALSE(opened.is_ok());
  CHECK(opened.status().code() == ErrorCode::kNotFound);
  CHECK_THAT(opened.status().message(), Catch::Contains(path));
}

TEST_CASE("open_record_source: an unknown extension lists the accepted ones", "[io][dispatch]") {
  const TempFile file(".txt", "{\"ref\": \"A\"}\n");
  const auto opened = itaku::open_record_source(file.path(), schema_field_types());
  REQUIRE_FALSE(opened.is_ok());
  CHECK(opened.status().code() == ErrorCode::kInvalidArgument);
  for (const char* accepted : {".jsonl", ".ndjson", ".json", ".csv"}) {
    CHECK_THAT(opened.status().message(), Catch::Contains(accepted));
  }
}

TEST_CASE("open_record_source: a directory is not an input file", "[io][dispatch]") {
  const auto opened = itaku::open_record_source(std::filesystem::temp_directory_path().string(), schema_field_types());
  REQUIRE_FALSE(opened.is_ok());
  CHECK(opened.status().code() == ErrorCode::kInvalidArgument);
  CHECK_THAT(opened.status().message(), Catch::Contains("directory"));
}

TEST_CASE("open_record_source chooses the reader by extension, ignoring case", "[io][dispatch]") {
  const std::string line = "{\"ref\": \"A-1\"}\n{\"ref\": \"A-2\"}\n";
  for (const char* extension : {".jsonl", ".ndjson", ".JSONL"}) {
    const TempFile file(extension, line);
    const auto records = read_all(*open_ok(file.path()));
    REQUIRE(records.size() == 2);
    CHECK(records[1].number == 2);
  }
  const TempFile json(".Json", "[{\"ref\": \"B-1\"}]");
  CHECK(read_all(*open_ok(json.path())).size() == 1);
  const TempFile csv(".CSV", "ref\nC-1\n");
  const auto csv_records = read_all(*open_ok(csv.path()));
  REQUIRE(csv_records.size() == 1);
  CHECK(csv_records[0].json.value().at("ref") == "C-1");
  // The content decides nothing: JSON Lines text in a .csv file is read as CSV and refused.
  const TempFile mislabelled(".csv", line);
  CHECK_FALSE(itaku::open_record_source(mislabelled.path(), schema_field_types()).is_ok());
}

namespace {

std::vector<itaku::SourceRecord> read_example(const std::string& file) {
  auto records = read_all(*open_ok(ITAKU_SOURCE_DIR "/examples/" + file));
  for (const auto& record : records) {
    INFO(file << " record " << record.number << ": " << record.json.status().to_string());
    CHECK(record.json.is_ok());
  }
  return records;
}

}  // namespace

TEST_CASE("The example files read without errors", "[io][examples]") {
  const auto jsonl = read_example("engagements.jsonl");
  CHECK(jsonl.size() >= 24);
  std::set<std::string> refs;
  std::map<std::string, int> kinds;
  for (const auto& record : jsonl) {
    if (!record.json.is_ok()) continue;
    refs.insert(record.json.value().at("ref").get<std::string>());
    ++kinds[record.json.value().at("kind").get<std::string>()];
  }
  CHECK(refs.size() == jsonl.size());
  CHECK(refs.count("EX-001") == 1);
  CHECK(refs.count("EX-002") == 1);
  CHECK(kinds["contractor"] >= 7);
  CHECK(kinds["cloud"] >= 5);
  CHECK(kinds["social_media"] >= 5);

  const auto csv = read_example("engagements.csv");
  CHECK(csv.size() >= 5);
  for (const auto& record : csv) {
    if (!record.json.is_ok()) continue;
    CHECK(record.json.value().at("information").at("confidentiality").is_number_integer());
  }
}

// Real public data (../shared/realdata) through the real binary: official municipal SNS
// accounts as published, and a government agency's contract list with vendors' 法人番号.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/run_itaku.hpp"
#include "io/csv_reader.hpp"
#include "test_paths.hpp"

using itaku::test::run_itaku;
using nlohmann::json;

namespace {

// Rows of a UTF-8 CSV file (BOM dropped) as header-name → value maps.
std::vector<std::map<std::string, std::string>> read_csv(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  itaku::detail::CsvReader reader(in);
  itaku::detail::CsvRow row;
  std::vector<std::string> header;
  std::vector<std::map<std::string, std::string>> rows;
  while (reader.read_row(row)) {
    if (header.empty()) {
      header = row.fields;
      if (!header.empty() && header[0].rfind("\xEF\xBB\xBF", 0) == 0) header[0].erase(0, 3);
      continue;
    }
    std::map<std::string, std::string> values;
    for (size_t i = 0; i < header.size() && i < row.fields.size(); ++i) values[header[i]] = row.fields[i];
    rows.push_back(std::move(values));
  }
  return rows;
}

// An independent statement of the NTA formula, so the test does not trust the code under test.
bool check_digit_ok(const std::string& number) {
  int sum = 0;
  for (int n = 1; n <= 12; ++n) sum += (number[13 - n] - '0') * (n % 2 ? 1 : 2);
  return 9 - sum % 9 == number[0] - '0';
}

// How an office clerk would map the platform names the municipalities print.
std::string platform_of(const std::string& printed) {
  if (printed.rfind("X", 0) == 0) return "x";
  if (printed.rfind("LINE", 0) == 0) return "line";
  if (printed == "Facebook") return "facebook";
  if (printed == "YouTube") return "youtube";
  if (printed == "Instagram") return "instagram";
  return "other";
}

}  // namespace

TEST_CASE("official municipal SNS accounts: published URLs are accepted, missing ones reported", "[cli][realdata]") {
  const auto rows = read_csv(itaku::test::realdata_file("municipal_sns_accounts_from_official_pages.csv"));
  REQUIRE(rows.size() >= 10);
  std::string input;
  size_t without_url = 0;
  int index = 0;
  for (const auto& row : rows) {
    json social = {{"platform", platform_of(row.at("platform"))},
                   {"account", row.at("handle_or_id_as_published").empty() ? row.at("display_name")
                                                                             : row.at("handle_or_id_as_published")},
                   {"official_site_listing_url", row.at("source_url")},
                   {"operating_procedure", true}};
    if (row.at("url_as_published").empty()) {
      ++without_url;
    } else {
      social["url"] = row.at("url_as_published");
    }
    json record = {{"ref", "SNS-REAL-" + std::to_string(++index)},
                   {"kind", "social_media"},
                   {"title", row.at("display_name")},
                   {"department", row.at("managing_department_as_published").empty()
                                      ? row.at("municipality")
                                      : row.at("managing_department_as_published")},
                   {"information", {{"confidentiality", 1}, {"integrity", 1}, {"availability", 1}}},
                   {"period", {{"start", "2024-04-01"}}},
                   {"social_media", social}};
    input += record.dump() + "\n";
  }
  REQUIRE(without_url > 0);
  const auto run = run_itaku({"review", "-", "--as-of", "2025-06-01"}, input);
  CHECK(run.exit_code == 2);
  const json report = json::parse(run.out);
  CHECK(report["summary"]["invalid"] == without_url);
  CHECK(report["summary"]["reviewed"] == rows.size() - without_url);
  for (const auto& error : report["errors"]) CHECK(error["path"] == "/social_media/url");
  for (const auto& result : report["results"]) CHECK(result["kind"] == "social_media");
}

TEST_CASE("a government contract list: every bad 法人番号 and only those are rejected", "[cli][realdata]") {
  const auto rows = read_csv(itaku::test::realdata_file("cfa_procurement_contracts.csv"));
  REQUIRE(rows.size() > 500);
  std::string input;
  size_t records = 0;
  size_t bad_numbers = 0;
  for (const auto& row : rows) {
    const std::string& date = row.at("contract_date");
    if (row.at("vendor_name").empty() || date.size() != 8) continue;  // footnote rows of the source sheets
    json vendor = {{"name", row.at("vendor_name")}, {"country", "JP"}};
    const std::string& number = row.at("corporate_number");
    if (!number.empty()) {
      vendor["corporate_number"] = number;
      if (!check_digit_ok(number)) ++bad_numbers;
    }
    json record = {{"ref", "CFA-" + row.at("id")},
                   {"kind", "contractor"},
                   {"title", row.at("contract_name")},
                   {"department", "こども家庭庁"},
                   {"vendor", vendor},
                   {"information", {{"confidentiality", 2}, {"integrity", 1}, {"availability", 1}}},
                   {"period", {{"start", date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2)}}}};
    input += record.dump() + "\n";
    ++records;
  }
  REQUIRE(records > 500);
  REQUIRE(bad_numbers >= 1);
  const auto run = run_itaku({"review", "-", "--as-of", "2025-06-01", "--format", "jsonl"}, input);
  CHECK(run.exit_code == 2);
  std::istringstream lines(run.out);
  std::string line, last;
  size_t results = 0;
  while (std::getline(lines, line)) {
    if (!last.empty()) ++results;
    last = line;
  }
  const json tail = json::parse(last);
  CHECK(tail["summary"]["invalid"] == bad_numbers);
  CHECK(results == records - bad_numbers);
  for (const auto& error : tail["errors"]) {
    CHECK(error["path"] == "/vendor/corporate_number");
    CHECK(error["message"].get<std::string>().find("check digit") != std::string::npos);
  }
}

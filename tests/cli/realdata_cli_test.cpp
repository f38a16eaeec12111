// Real public data (../shared/realdata) through the real binary: official municipal SNS
// accounts as published, and a government agency's contract list with vendors' 法人番号.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "cli/run_itaku.hpp"
#include "io/csv_reader.hpp"
#include "registry/test_databases.hpp"
#include "test_paths.hpp"

using itaku::test::read_file;
using itaku::test::run_itaku;
using itaku::test::ScratchDir;
using itaku::test::write_file;
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

// The contract list's rows as the records a clerk would import (footnote rows of the source
// sheets left out).
// The bureau that signed (長官官房, 成育局, 支援局) from a column that also names the officer
// ("こども家庭庁成育局長　藤原　朋子"); the agency itself when none is named.
std::string bureau_of(const std::string& contracting_department) {
  for (const char* bureau : {"長官官房", "成育局", "支援局"}) {
    if (contracting_department.find(bureau) != std::string::npos) return bureau;
  }
  return "こども家庭庁";
}

std::vector<json> contract_records(const std::vector<std::map<std::string, std::string>>& rows) {
  std::vector<json> records;
  for (const auto& row : rows) {
    const std::string& date = row.at("contract_date");
    if (row.at("vendor_name").empty() || date.size() != 8) continue;
    json vendor = {{"name", row.at("vendor_name")}, {"country", "JP"}};
    if (const std::string& number = row.at("corporate_number"); !number.empty()) vendor["corporate_number"] = number;
    records.push_back({{"ref", "CFA-" + row.at("id")},
                       {"kind", "contractor"},
                       {"title", row.at("contract_name")},
                       {"department", bureau_of(row.at("contracting_dept"))},
                       {"vendor", vendor},
                       {"information", {{"confidentiality", 2}, {"integrity", 1}, {"availability", 1}}},
                       {"period", {{"start", date.substr(0, 4) + "-" + date.substr(4, 2) + "-" + date.substr(6, 2)}}}});
  }
  return records;
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
  for (const json& record : contract_records(rows)) {
    if (record["vendor"].contains("corporate_number") && !check_digit_ok(record["vendor"]["corporate_number"])) {
      ++bad_numbers;
    }
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

TEST_CASE("a government contract list imported twice: vendors keep their registered names and nothing changes again",
          "[cli][realdata][registry]") {
  const std::string backend = GENERATE(from_range(itaku::test::registry_backends()));
  INFO(backend);
  itaku::test::TestDatabase database(backend);
  const std::vector<json> records =
      contract_records(read_csv(itaku::test::realdata_file("cfa_procurement_contracts.csv")));
  // The name first given for each 法人番号 is the registered one; every later record that gives
  // another is a conflict, reported and not applied.
  std::map<std::string, std::string> first_name;
  size_t conflicts = 0;
  std::string input;
  for (const json& record : records) {
    input += record.dump() + "\n";
    const json& vendor = record["vendor"];
    if (!vendor.contains("corporate_number") || !check_digit_ok(vendor["corporate_number"])) continue;
    const auto [known, inserted] = first_name.emplace(vendor["corporate_number"], vendor["name"]);
    if (!inserted && known->second != vendor["name"]) ++conflicts;
  }
  REQUIRE(conflicts > 0);  // the list has them: an address in the name column, two companies on one number
  const std::vector<std::string> db = {"--db", database.location()};
  auto import = [&](std::vector<std::string> args) {
    args.insert(args.end(), db.begin(), db.end());
    return run_itaku(args, input);
  };

  const auto first = import({"import", "-", "--skip-invalid", "--format", "json"});
  INFO(first.err);
  REQUIRE(first.exit_code == 2);  // the bad 法人番号s
  const json report = json::parse(first.out);
  CHECK(report["written"] == true);
  CHECK(report["vendor_conflicts"].size() == conflicts);
  for (const json& conflict : report["vendor_conflicts"]) {
    CHECK(conflict["registered_name"] == first_name.at(conflict["corporate_number"]));
    CHECK(conflict["given_name"] != conflict["registered_name"]);
  }
  const size_t stored = report["created"];

  // Every engagement shows its vendor under the registered name.
  auto exported = [&] {
    std::vector<std::string> args = {"export"};
    args.insert(args.end(), db.begin(), db.end());
    const auto run = run_itaku(args);
    REQUIRE(run.exit_code == 0);
    return run.out;
  };
  const std::string export_before = exported();
  std::istringstream lines(export_before);
  std::string line;
  size_t checked = 0;
  while (std::getline(lines, line)) {
    const json vendor = json::parse(line)["vendor"];
    if (!vendor.contains("corporate_number")) continue;
    CHECK(vendor["name"] == first_name.at(vendor["corporate_number"]));
    ++checked;
  }
  CHECK(checked > 500);

  // The same file again: all unchanged, no write, no audit entry; the conflicts are reported again.
  auto audit_lines = [&] {
    std::vector<std::string> args = {"audit", "log"};
    args.insert(args.end(), db.begin(), db.end());
    return run_itaku(args).out;
  };
  const std::string audit_before = audit_lines();
  const auto second = import({"import", "-", "--skip-invalid", "--format", "json"});
  const json again = json::parse(second.out);
  CHECK(again["created"] == 0);
  CHECK(again["updated"] == 0);
  CHECK(again["unchanged"] == stored);
  CHECK(again["vendor_conflicts"].size() == conflicts);
  CHECK(audit_lines() == audit_before);
  CHECK(exported() == export_before);

  // A deliberate rename is audited and shows on the vendor's engagements.
  const json conflict = report["vendor_conflicts"][0];
  std::vector<std::string> rename = {"vendor", "rename", conflict["corporate_number"], conflict["given_name"]};
  rename.insert(rename.end(), db.begin(), db.end());
  const auto renamed = run_itaku(rename);
  INFO(renamed.out << renamed.err);
  CHECK(renamed.exit_code == 0);
  std::vector<std::string> show = {"show", conflict["ref"], "--format", "json"};
  show.insert(show.end(), db.begin(), db.end());
  CHECK(json::parse(run_itaku(show).out)["record"]["vendor"]["name"] == conflict["given_name"]);
  const std::string audited = audit_lines();
  CHECK(audited.find("vendor.rename") != std::string::npos);
  CHECK(renamed.out.find(" → ") != std::string::npos);  // from the registered name to the new one

  // The same rename again (a clerk's second run) says nothing changed and writes no entry.
  const auto repeated = run_itaku(rename);
  CHECK(repeated.exit_code == 0);
  CHECK(repeated.out.find("変更はありません") != std::string::npos);
  CHECK(audit_lines() == audited);
}

namespace {

// Pages of a PDF that Chromium printed: its page tree's root counts them all, and no other
// /Count in the file is larger.
std::size_t pdf_page_count(const std::string& pdf) {
  std::size_t pages = 0;
  for (std::size_t at = pdf.find("/Count "); at != std::string::npos; at = pdf.find("/Count ", at + 1)) {
    pages = std::max<std::size_t>(pages, std::strtoul(pdf.c_str() + at + 7, nullptr, 10));
  }
  return pages;
}

}  // namespace

TEST_CASE("a government contract list: the monthly html report prints to a few dozen A4 pages",
          "[cli][realdata][report]") {
  itaku::test::TestDatabase database("sqlite");
  std::string input;
  for (const json& record : contract_records(read_csv(itaku::test::realdata_file("cfa_procurement_contracts.csv")))) {
    input += record.dump() + "\n";
  }
  const auto import = run_itaku({"import", "-", "--skip-invalid", "--db", database.location()}, input);
  REQUIRE(import.exit_code == 2);  // the one bad 法人番号
  const std::vector<std::string> review = {"review", "--registry", "--db", database.location(), "--as-of", "2026-12-01"};
  auto with_format = [&](const std::string& format) {
    auto args = review;
    args.insert(args.end(), {"--format", format});
    return run_itaku(args);
  };
  const auto json_run = with_format("json");
  REQUIRE(json_run.exit_code == 0);
  const json report = json::parse(json_run.out);
  const std::size_t engagements = report["results"].size();
  REQUIRE(engagements > 500);

  const auto html_run = with_format("html");
  REQUIRE(html_run.exit_code == 0);
  const std::string& page = html_run.out;
  const std::size_t details = page.find("<div class=\"details\">");
  REQUIRE(details != std::string::npos);
  // The first page agrees with the JSON: every engagement in the department table's total.
  CHECK(page.find("<tfoot><tr><th scope=\"row\">合計</th><td class=\"count\">" + std::to_string(engagements) +
                  "</td>") < details);
  // A finding every engagement shares is worded once, not once per engagement.
  const std::string shared = report["results"][0]["findings"][0]["message"]["ja"];
  std::size_t times = 0;
  for (std::size_t at = page.find(shared); at != std::string::npos; at = page.find(shared, at + 1)) ++times;
  CHECK(times == 1);
  // Natural ref order, and each vendor's 法人番号.
  CHECK(page.find(">CFA-2<", details) < page.find(">CFA-10<", details));
  CHECK(page.find(">CFA-10<", details) < page.find(">CFA-100<", details));
  CHECK(page.find("法人番号 <span class=\"nowrap\">" + report["results"][0]["vendor"]["corporate_number"].get<std::string>()) !=
        std::string::npos);

#ifdef ITAKU_TEST_CHROMIUM
  // Printed as a person would print it: A4, by headless Chromium.
  ScratchDir scratch("report-pages");
  write_file(scratch / "report.html", page);
  const auto printed = itaku::test::run_command_line(
      itaku::test::shell_quote(ITAKU_TEST_CHROMIUM) + " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage"
      " --no-first-run --user-data-dir=" + itaku::test::shell_quote((scratch / "profile").string()) +
      " --no-pdf-header-footer --print-to-pdf=" + itaku::test::shell_quote((scratch / "report.pdf").string()) +
      " " + itaku::test::shell_quote("file://" + (scratch / "report.html").string()));
  INFO(printed.err);
  const std::size_t pages = pdf_page_count(read_file(scratch / "report.pdf"));
  WARN("the html report of " << engagements << " engagements prints to " << pages << " A4 pages");
  CHECK(pages >= 10);
  CHECK(pages <= 48);
#else
  FAIL("Chromium was not found when this build was configured: install it (scripts/setup.sh) and configure again");
#endif
}

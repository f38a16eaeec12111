#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>

#include "itaku/schema/record_validator.hpp"
#include "json_text_pointers.hpp"
#include "plugin_fixture.hpp"
#include "sample_engagements.hpp"

using namespace itaku;
using nlohmann::json;

namespace {

const RecordValidator& validator() {
  static const RecordValidator instance = RecordValidator::create(test::real_plugins()).value();
  return instance;
}

json cloud_record() {
  return json::parse(R"({"ref": "C-1", "kind": "cloud", "title": "電子申請サービス", "department": "情報政策課",
    "vendor": {"name": "例示クラウド株式会社", "certifications": [{"scheme": "ISMAP", "valid_until": "2026-12-31"}]},
    "information": {"confidentiality": 2, "integrity": 2, "availability": 2, "personal_data": true},
    "period": {"start": "2025-04-01", "end": "2026-03-31"},
    "cloud": {"service_name": "例示電子申請", "terms_based": false, "data_locations": ["JP"]}})");
}

// The single issue at `path`; fails the test when there is none.
ValidationIssue issue_at(const json& record, const std::string& path) {
  const auto issues = validator().validate(record);
  auto it = std::find_if(issues.begin(), issues.end(), [&](const ValidationIssue& i) { return i.path == path; });
  INFO("record: " << record.dump());
  for (const auto& i : issues) INFO("issue " << i.path << ": " << i.message);
  REQUIRE(it != issues.end());
  return *it;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("the worked examples and a cloud record are valid", "[schema]") {
  CHECK(validator().validate(test::worked_example_ex001()).empty());
  CHECK(validator().validate(test::worked_example_ex002()).empty());
  CHECK(validator().validate(cloud_record()).empty());
}

TEST_CASE("a missing property is reported at that property's pointer", "[schema]") {
  json r = test::worked_example_ex001();
  r.erase("ref");
  CHECK(contains(issue_at(r, "/ref").message, "required"));
  r = test::worked_example_ex001();
  r["information"].erase("confidentiality");
  CHECK(contains(issue_at(r, "/information/confidentiality").message, "required"));
  r = test::worked_example_ex001();
  r.erase("vendor");
  CHECK(contains(issue_at(r, "/vendor").message, "kind 'contractor'"));
  r = cloud_record();
  r.erase("cloud");
  CHECK(contains(issue_at(r, "/cloud").message, "required"));
  r = cloud_record();
  r["cloud"].erase("service_name");
  CHECK(contains(issue_at(r, "/cloud/service_name").message, "required"));
  r = test::worked_example_ex002();
  r["social_media"].erase("url");
  CHECK(contains(issue_at(r, "/social_media/url").message, "required"));
  r = test::worked_example_ex001();
  r["verifications"][0].erase("result");
  CHECK(contains(issue_at(r, "/verifications/0/result").message, "required"));
}

TEST_CASE("unknown fields are rejected with a spelling hint", "[schema]") {
  json r = test::worked_example_ex001();
  r["verfications"] = r["verifications"];
  const auto issue = issue_at(r, "/verfications");
  CHECK(contains(issue.message, "unknown field"));
  CHECK(contains(issue.message, "did you mean 'verifications'"));
  r = cloud_record();
  r["cloud"]["exit_plna"] = true;
  CHECK(contains(issue_at(r, "/cloud/exit_plna").message, "exit_plan"));
}

TEST_CASE("types, enums, ranges and patterns say what was expected", "[schema]") {
  json r = test::worked_example_ex001();
  r["information"]["confidentiality"] = "2";
  CHECK(contains(issue_at(r, "/information/confidentiality").message, "whole number"));
  r["information"]["confidentiality"] = 4;
  CHECK(contains(issue_at(r, "/information/confidentiality").message, "from 1 to 3"));
  r = test::worked_example_ex001();
  r["kind"] = "outsourcing";
  CHECK(contains(issue_at(r, "/kind").message, "contractor, cloud, social_media"));
  r = test::worked_example_ex001();
  r["status"] = "closed";
  CHECK(contains(issue_at(r, "/status").message, "planned, active, terminated"));
  r = test::worked_example_ex001();
  r["ref"] = "-bad ref";
  CHECK(contains(issue_at(r, "/ref").message, "letters, digits"));
  r["ref"] = std::string(65, 'A');
  CHECK(contains(issue_at(r, "/ref").message, "at most 64"));
  r = test::worked_example_ex001();
  r["title"] = "";
  CHECK(contains(issue_at(r, "/title").message, "empty"));
  r = test::worked_example_ex001();
  r["period"]["start"] = "2025/04/01";
  CHECK(contains(issue_at(r, "/period/start").message, "YYYY-MM-DD"));
  r = test::worked_example_ex001();
  r["vendor"]["country"] = "jp";
  CHECK(contains(issue_at(r, "/vendor/country").message, "alpha-2"));
  r = test::worked_example_ex001();
  r["verification_interval_months"] = 61;
  CHECK(contains(issue_at(r, "/verification_interval_months").message, "from 1 to 60"));
  r = test::worked_example_ex001();
  r["vendor"]["certifications"][0]["scheme"] = "ISO9001";
  CHECK(contains(issue_at(r, "/vendor/certifications/0/scheme").message, "ISMS"));
  r = cloud_record();
  r["cloud"]["data_locations"] = {"JP", "jp"};
  CHECK(issue_at(r, "/cloud/data_locations/1").path == "/cloud/data_locations/1");
  r = test::worked_example_ex002();
  r["social_media"]["url"] = "ftp://example.jp/";
  CHECK(contains(issue_at(r, "/social_media/url").message, "http"));
  r = test::worked_example_ex002();
  r["social_media"]["platform"] = "mixi";
  CHECK(contains(issue_at(r, "/social_media/platform").message, "youtube"));
}

TEST_CASE("法人番号 with a wrong check digit makes the record invalid", "[schema][corporate_number]") {
  json r = test::worked_example_ex001();
  r["vendor"]["corporate_number"] = "5011001098993";
  const auto issue = issue_at(r, "/vendor/corporate_number");
  CHECK(contains(issue.message, "check digit"));
  CHECK(contains(issue.message, "is 4"));
  r["vendor"]["corporate_number"] = "401100109899";
  CHECK(contains(issue_at(r, "/vendor/corporate_number").message, "13-digit"));
}

TEST_CASE("dates must be real calendar days and the period must not end before it starts", "[schema][date]") {
  json r = test::worked_example_ex001();
  r["period"]["start"] = "2025-02-30";
  CHECK(contains(issue_at(r, "/period/start").message, "real calendar date"));
  r = test::worked_example_ex001();
  r["verifications"][0]["date"] = "2023-02-29";
  CHECK(contains(issue_at(r, "/verifications/0/date").message, "no such day"));
  r = test::worked_example_ex001();
  r["vendor"]["certifications"][0]["valid_until"] = "2026-04-31";
  issue_at(r, "/vendor/certifications/0/valid_until");
  r = test::worked_example_ex001();
  r["period"] = {{"start", "2025-04-01"}, {"end", "2025-03-31"}};
  CHECK(contains(issue_at(r, "/period/end").message, "before its start"));
  r["period"] = {{"start", "2025-04-01"}, {"end", "2025-04-01"}};  // a one-day contract is fine
  CHECK(validator().validate(r).empty());
  r["period"] = {{"start", "2024-02-29"}};
  CHECK(validator().validate(r).empty());
}

TEST_CASE("clauses must be known contract-clause IDs, each once", "[schema][clauses]") {
  json r = test::worked_example_ex001();
  r["clauses"] = {"OUT-02", "OUT-99"};
  CHECK(contains(issue_at(r, "/clauses/1").message, "unknown contract-clause ID 'OUT-99'"));
  r["clauses"] = {"CLD-01"};
  CHECK(contains(issue_at(r, "/clauses/0").message, "not a contract clause"));
  r["clauses"] = {"OUT-01"};  // a requirement of the contractor plugin, but not a clause
  CHECK(contains(issue_at(r, "/clauses/0").message, "not a contract clause"));
  r["clauses"] = {"GEN-01"};
  CHECK(contains(issue_at(r, "/clauses/0").message, "not a contract clause"));
  r["clauses"] = {"OUT-02", "OUT-02"};
  CHECK(contains(issue_at(r, "/clauses").message, "unique"));
  r["clauses"] = {"OUT-02", "OUT-14"};
  CHECK(validator().validate(r).empty());
}

TEST_CASE("a section of another kind is rejected", "[schema]") {
  json r = test::worked_example_ex001();
  r["cloud"] = cloud_record()["cloud"];
  CHECK(contains(issue_at(r, "/cloud").message, "kind 'contractor'"));
}

TEST_CASE("every problem of a record is reported, one per field", "[schema]") {
  json r = test::worked_example_ex001();
  r.erase("title");
  r["information"]["availability"] = 3;
  r["vendor"]["corporate_number"] = "1234567890123";
  r["period"]["end"] = "2024-01-01";
  const auto issues = validator().validate(r);
  std::vector<std::string> paths;
  for (const auto& issue : issues) paths.push_back(issue.path);
  CHECK(std::count(paths.begin(), paths.end(), "/title") == 1);
  CHECK(std::count(paths.begin(), paths.end(), "/information/availability") == 1);
  CHECK(std::count(paths.begin(), paths.end(), "/vendor/corporate_number") == 1);
  CHECK(std::count(paths.begin(), paths.end(), "/period/end") == 1);
  CHECK(issues.size() == 4);
}

TEST_CASE("a record that is not an object is invalid at the root", "[schema]") {
  const auto issues = validator().validate(json::array({1, 2}));
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].path.empty());
  CHECK(contains(issues[0].message, "JSON object"));
}

TEST_CASE("to_engagement converts a valid record and refuses an invalid one", "[schema]") {
  auto engagement = validator().to_engagement(test::worked_example_ex001());
  REQUIRE(engagement);
  CHECK(engagement->ref == "EX-001");
  CHECK(engagement->clauses.size() == 11);
  json bad = test::worked_example_ex001();
  bad["period"]["start"] = "2025-02-30";
  auto refused = validator().to_engagement(bad);
  REQUIRE_FALSE(refused);
  CHECK(refused.status().code() == ErrorCode::kInvalidArgument);
  CHECK(refused.status().path() == "/period/start");
}

TEST_CASE("a record nested absurdly deep is refused at its field without recursing", "[schema]") {
  json deep = json::array();
  for (int i = 0; i < 100000; ++i) deep = json::array({std::move(deep)});
  json r = test::worked_example_ex001();
  r["title"] = std::move(deep);
  const auto issues = validator().validate(r);
  REQUIRE(issues.size() == 1);
  CHECK(issues[0].path == "/title");
  CHECK(contains(issues[0].message, "nested more than"));
  // a value of the wrong type is summarised, never dumped whole
  json wide = test::worked_example_ex001();
  wide["title"] = json::array({json::array({1, 2}), json::object({{"a", 1}})});
  CHECK(contains(issue_at(wide, "/title").message, "a list […] of 2 items"));
}

TEST_CASE("confidentiality given as the 2024 guideline's 3A explains how to record it", "[schema]") {
  json r = test::worked_example_ex001();
  r["information"]["confidentiality"] = "3A";
  CHECK(contains(issue_at(r, "/information/confidentiality").message, "recorded as 3"));
}

TEST_CASE("a NUL character in any text is refused at its path", "[schema]") {
  json r = test::worked_example_ex001();
  r["verifications"][0]["verifier"] = std::string("情報") + std::string(1, '\0') + "推進";
  CHECK(contains(issue_at(r, "/verifications/0/verifier").message, "NUL"));
}

TEST_CASE("a character that turns the text's direction is refused in any text, at its path", "[schema]") {
  // "市公式\u202eアカウント" shows what follows the override reversed: on the public check, in a
  // report, in a terminal. Each of the embeddings, overrides and isolates; the marks U+200E/F stay.
  for (const char* control : {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}) {
    INFO(control);
    for (const auto& pointer : test::text_pointers(test::worked_example_ex002())) {
      json r = test::worked_example_ex002();
      r[json::json_pointer(pointer)] = r[json::json_pointer(pointer)].get<std::string>() + control;
      const auto issues = validator().validate(r);
      REQUIRE_FALSE(issues.empty());
      CHECK(issues[0].path == pointer);
      CHECK(contains(issues[0].message, "direction"));
    }
  }
  json marked = test::worked_example_ex001();
  marked["title"] = std::string("窓口\u200f受付");
  CHECK(validator().validate(marked).empty());
}

TEST_CASE("text of 100 KB to 10 MB in any field is refused at that field, quickly and without a crash", "[schema]") {
  // std::regex recursed once per character here: 70,000 characters overflowed the stack.
  for (const json& example : {test::worked_example_ex001(), test::worked_example_ex002(), cloud_record()}) {
    const std::vector<std::string> pointers = test::text_pointers(example);
    REQUIRE(pointers.size() > 5);
    for (const auto& pointer : pointers) {
      for (const char filler : {'a', '1', ' '}) {
        json r = example;
        r[json::json_pointer(pointer)] = std::string(100'000, filler);
        const auto issues = validator().validate(r);
        REQUIRE(issues.size() == 1);
        CHECK(issues[0].path == pointer);
        CHECK(contains(issues[0].message, "text too long: 100,000 characters, at most 10,000"));
      }
    }
  }
  json r = test::worked_example_ex001();
  r["ref"] = std::string(10'000'000, 'R');
  r["title"] = std::string(3'000'000, 'T');
  const auto started = std::chrono::steady_clock::now();
  const auto issues = validator().validate(r);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
  REQUIRE(issues.size() == 2);
  CHECK(issues[0].path == "/ref");
  CHECK(issues[1].path == "/title");
  // Characters, not bytes: 10,000 kanji (30,000 bytes) are within the limit.
  r = test::worked_example_ex001();
  std::string kanji;
  for (int i = 0; i < 10'000; ++i) kanji += "字";
  r["title"] = kanji;
  CHECK(validator().validate(r).empty());
}

TEST_CASE("patterns are still enforced on long text within the limits (RE2)", "[schema]") {
  json r = test::worked_example_ex001();
  r["period"]["start"] = std::string(9'999, '2');
  CHECK(contains(issue_at(r, "/period/start").message, "expected a date YYYY-MM-DD"));
  r = test::worked_example_ex001();
  r["title"] = std::string(9'999, ' ');
  CHECK(contains(issue_at(r, "/title").message, "non-empty text"));
  r = test::worked_example_ex001();
  r["ref"] = "R" + std::string(9'000, '-') + "!";
  const auto ref_issue = issue_at(r, "/ref");
  CHECK((contains(ref_issue.message, "at most 64") || contains(ref_issue.message, "a reference of letters")));
  r = cloud_record();
  r["cloud"]["data_locations"] = json::array({"JP", "jp"});
  CHECK(contains(issue_at(r, "/cloud/data_locations/1").message, "ISO 3166"));
  r = cloud_record();
  r["vendor"]["corporate_number"] = "123456789012";
  CHECK(contains(issue_at(r, "/vendor/corporate_number").message, "13-digit"));
}

TEST_CASE("lists, objects and field names beyond the limits are refused at their pointer", "[schema]") {
  json r = cloud_record();
  r["cloud"]["data_locations"] = json::array();
  for (int i = 0; i < 1'001; ++i) r["cloud"]["data_locations"].push_back("JP");
  CHECK(contains(issue_at(r, "/cloud/data_locations").message, "too many entries in this list: 1,001, at most 1,000"));
  r = test::worked_example_ex001();
  for (int i = 0; i < 1'001; ++i) r["vendor"]["x" + std::to_string(i)] = 1;
  CHECK(contains(issue_at(r, "/vendor").message, "too many fields"));
  r = test::worked_example_ex001();
  r["vendor"][std::string(101, 'k')] = 1;
  CHECK(contains(issue_at(r, "/vendor").message, "a field name of 101 characters"));
}

TEST_CASE("every problem is said in Japanese and English, positions counted from one, near misses named",
          "[schema][messages]") {
  json r = test::worked_example_ex001();
  r["period"]["start"] = "2026/04/01";
  ValidationIssue issue = issue_at(r, "/period/start");
  CHECK(contains(issue.message_ja, "日付は YYYY-MM-DD の形で入力してください"));
  CHECK(contains(issue.message_ja, "「2026/04/01」"));
  CHECK(contains(issue.message, "YYYY-MM-DD"));

  // A list position as the user counts it; the pointer stays as JSON Pointer counts it.
  r = test::worked_example_ex001();
  r["verifications"][0]["date"] = "2023-02-29";
  r["verifications"].push_back({{"date", "yesterday"}, {"result", "pass"}});
  issue = issue_at(r, "/verifications/1/date");
  CHECK(contains(issue.message, "verifications item 2: "));
  CHECK(contains(issue.message_ja, "verifications の 2 番目: "));

  // A clause listed twice is named, with both positions.
  r = test::worked_example_ex001();
  r["clauses"] = {"OUT-02", "OUT-05", "OUT-09", "OUT-05"};
  issue = issue_at(r, "/clauses");
  CHECK(contains(issue.message, "'OUT-05' (items 2, 4)"));
  CHECK(contains(issue.message_ja, "「OUT-05」（2・4 番目）"));

  // Near misses of a clause ID and of an enum value are named.
  r["clauses"] = {"OUT-02", "out-09", "OUT-9", "XYZ-123"};
  CHECK(contains(issue_at(r, "/clauses/1").message, "did you mean 'OUT-09'?"));
  CHECK(contains(issue_at(r, "/clauses/1").message_ja, "「OUT-09」ではありませんか"));
  CHECK(contains(issue_at(r, "/clauses/1").message, "clauses item 2: "));
  INFO(issue_at(r, "/clauses/2").message);
  CHECK(contains(issue_at(r, "/clauses/2").message, "did you mean 'OUT-09'?"));
  CHECK_FALSE(contains(issue_at(r, "/clauses/3").message, "did you mean"));  // nothing near
  r = test::worked_example_ex002();
  r["social_media"]["platform"] = "Instagram";
  CHECK(contains(issue_at(r, "/social_media/platform").message, "did you mean 'instagram'?"));
  r = test::worked_example_ex001();
  r["stauts"] = "active";
  CHECK(contains(issue_at(r, "/stauts").message_ja, "「status」の誤りではありませんか"));

  // Every issue of every kind has its Japanese.
  r = test::worked_example_ex001();
  r["information"]["confidentiality"] = "2";
  r["title"] = "";
  r["vendor"]["corporate_number"] = "5011001098993";
  r.erase("ref");
  for (const auto& each : validator().validate(r)) {
    INFO(each.path << ": " << each.message);
    CHECK_FALSE(each.message_ja.empty());
  }
  CHECK(contains(both_languages(issue_at(r, "/ref")), "必須項目「ref」がありません / required field 'ref' is missing"));
}

TEST_CASE("a long list of one repeated entry is answered at once, naming it", "[schema][messages][limits]") {
  json r = test::worked_example_ex001();
  r["clauses"] = json::array();
  for (int i = 0; i < 1000; ++i) r["clauses"].push_back("OUT-02");
  const auto started = std::chrono::steady_clock::now();
  const ValidationIssue issue = issue_at(r, "/clauses");
  // valijson compared every pair and described each: minutes for this list (a benchmark-free
  // bound: a thousand times the time a valid record takes is still far below a second).
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
  CHECK(contains(issue.message, "'OUT-02' (items 1, 2, 3, 4, 5 … 1000 in all)"));
  CHECK(contains(issue.message_ja, "「OUT-02」（1・2・3・4・5 番目。計 1000 か所）"));
}

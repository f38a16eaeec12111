// `json` and `jsonl` reports: the exact shape of docs/records.md, input order, escaping, streaming.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "itaku/error.hpp"
#include "itaku/report/report_json.hpp"
#include "report_samples.hpp"

using namespace itaku;
using namespace itaku::test;
using Json = nlohmann::ordered_json;

namespace {

std::vector<std::string> keys_of(const Json& object) {
  std::vector<std::string> keys;
  for (const auto& item : object.items()) keys.push_back(item.key());
  return keys;
}

using Keys = std::vector<std::string>;

}  // namespace

TEST_CASE("json report: {as_of, summary, results, errors} in order with exact values", "[report][json]") {
  const std::string text =
      render(ReportFormat::kJson, {conditional_contractor(), approved_social_media()}, {invalid_record()});
  const Json report = Json::parse(text);

  CHECK(keys_of(report) == Keys{"as_of", "summary", "results", "errors"});
  CHECK(report["as_of"] == "2025-06-01");
  CHECK(report["summary"].dump() ==
        R"({"records":3,"reviewed":2,"invalid":1,"decisions":{"approve":1,"conditional":1,"reject":0}})");

  REQUIRE(report["results"].size() == 2);
  const Json& first = report["results"][0];
  CHECK(keys_of(first) == Keys{"ref", "kind", "tier", "decision", "risk_level", "verification", "findings", "record",
                               "title", "department", "vendor"});
  CHECK(first["ref"] == "EX-001");
  CHECK(first["vendor"].dump() ==
        R"({"name":"株式会社例示システムズ","corporate_number":"4011001098993","expiring_certifications":)"
        R"([{"scheme":"ISMS","number":"IS 123456","valid_until":"2025-07-31"}]})");
  CHECK(first["kind"] == "contractor");
  CHECK(first["tier"] == 2);
  CHECK(first["decision"] == "conditional");
  CHECK(first["risk_level"] == "high");
  CHECK(first["verification"].dump() == R"({"status":"overdue","next_due":"2025-03-25","interval_months":12})");
  REQUIRE(first["findings"].size() == 3);
  CHECK(keys_of(first["findings"][0]) == Keys{"id", "severity", "plugin", "message"});
  CHECK(first["findings"][1].dump() ==
        R"({"id":"OUT-09","severity":"high","plugin":"contractor","message":{"ja":"再委託の制限条項がありません","en":"No subcontracting clause"}})");
  CHECK(first["findings"][2]["severity"] == "medium");
  CHECK(first["record"] == 1);
  CHECK(first["title"] == "窓口受付業務委託");
  CHECK(first["department"] == "市民課");

  const Json& second = report["results"][1];
  CHECK(second["ref"] == "SNS-7");
  CHECK(second["risk_level"] == "none");
  CHECK(second["decision"] == "approve");
  CHECK(second["findings"] == Json::array());
  CHECK(second["verification"]["status"] == "verified");
  CHECK_FALSE(second.contains("vendor"));  // a social-media channel has no vendor

  REQUIRE(report["errors"].size() == 1);
  CHECK(report["errors"][0].dump() ==
        R"({"record":3,"ref":"R7-003","path":"/vendor/corporate_number","message":"bad check digit","message_ja":"法人番号のチェックデジットが不正です","file":"records.jsonl"})");
}

TEST_CASE("json report keeps input order and writes null for an unknown ref", "[report][json]") {
  RecordError unreadable{7, std::nullopt, "", "not valid JSON", "-", "JSON として読めません"};
  const Json report = Json::parse(
      render(ReportFormat::kJson, {rejected_cloud(), approved_social_media(), conditional_contractor()}, {unreadable}));
  REQUIRE(report["results"].size() == 3);
  CHECK(report["results"][0]["ref"] == "CL-9");
  CHECK(report["results"][1]["ref"] == "SNS-7");
  CHECK(report["results"][2]["ref"] == "EX-001");
  CHECK(report["results"][0]["risk_level"] == "critical");
  CHECK(report["results"][0]["decision"] == "reject");
  CHECK(report["results"][0]["verification"]["status"] == "failed");
  CHECK(report["errors"][0]["ref"].is_null());
  CHECK(report["errors"][0]["path"] == "");
  CHECK(report["errors"][0]["file"] == "-");
}

TEST_CASE("json report with nothing in it is still a complete document", "[report][json]") {
  const Json report = Json::parse(render(ReportFormat::kJson, {}, {}));
  CHECK(report["results"] == Json::array());
  CHECK(report["errors"] == Json::array());
  CHECK(report["summary"]["records"] == 0);
}

TEST_CASE("json report holds results back until finish, then copies all of them", "[report][json]") {
  std::ostringstream out;
  auto writer = make_report_writer(ReportFormat::kJson, out, "ja");
  writer->begin(date("2025-06-01"));
  // Enough results to pass through the spool file's copy buffer many times.
  constexpr std::size_t kCount = 3000;
  ReviewResult result = conditional_contractor();
  for (std::size_t i = 1; i <= kCount; ++i) {
    result.record = i;
    result.ref = "R-" + std::to_string(i);
    writer->add_result(result);
  }
  CHECK(out.str().empty());  // the summary must come first, so nothing can go out yet
  writer->finish(summary_of(kCount, 0, 0, kCount, 0));
  const Json report = Json::parse(out.str());
  REQUIRE(report["results"].size() == kCount);
  for (std::size_t i = 0; i < kCount; ++i) {
    if (report["results"][i]["record"] != i + 1 || report["results"][i]["ref"] != "R-" + std::to_string(i + 1)) {
      FAIL("result " << i << " out of order: " << report["results"][i]["ref"]);
    }
  }
}

TEST_CASE("jsonl report: one line per result, then as_of, summary and errors", "[report][jsonl]") {
  RecordError second_error{5, std::nullopt, "/kind", "bad kind", "b.csv", "kind が不正です"};
  const std::string text = render(ReportFormat::kJsonl, {conditional_contractor(), approved_social_media()},
                                  {invalid_record(), second_error});
  REQUIRE(text.back() == '\n');
  const auto lines = split_lines(text);
  REQUIRE(lines.size() == 3);
  const Json first = Json::parse(lines[0]);
  CHECK(first["ref"] == "EX-001");
  CHECK(keys_of(first) == Keys{"ref", "kind", "tier", "decision", "risk_level", "verification", "findings", "record",
                               "title", "department", "vendor"});
  CHECK(Json::parse(lines[1])["ref"] == "SNS-7");

  const Json last = Json::parse(lines[2]);
  CHECK(keys_of(last) == Keys{"as_of", "summary", "errors"});
  CHECK(last["as_of"] == "2025-06-01");
  CHECK(last["summary"]["records"] == 4);
  CHECK(last["summary"]["invalid"] == 2);
  REQUIRE(last["errors"].size() == 2);
  CHECK(last["errors"][0]["ref"] == "R7-003");
  CHECK(last["errors"][1]["ref"].is_null());
  CHECK(last["errors"][1]["path"] == "/kind");
}

TEST_CASE("jsonl report streams each result before finish", "[report][jsonl]") {
  std::ostringstream out;
  auto writer = make_report_writer(ReportFormat::kJsonl, out, "ja");
  writer->begin(date("2025-06-01"));
  writer->add_result(conditional_contractor());
  CHECK(split_lines(out.str()).size() == 1);
  writer->add_error(invalid_record());
  writer->add_result(approved_social_media());
  CHECK(split_lines(out.str()).size() == 2);
  writer->finish(summary_of(2, 1, 1, 1, 0));
  const auto lines = split_lines(out.str());
  REQUIRE(lines.size() == 3);
  CHECK(Json::parse(lines[2])["errors"].size() == 1);
}

TEST_CASE("jsonl report without results or errors is one final line", "[report][jsonl]") {
  const std::string text = render(ReportFormat::kJsonl, {}, {});
  CHECK(text == R"({"as_of":"2025-06-01","summary":{"records":0,"reviewed":0,"invalid":0,"decisions":{"approve":0,"conditional":0,"reject":0}},"errors":[]})"
                "\n");
}

TEST_CASE("JSON escaping: quotes, backslashes, control characters, Japanese", "[report][json][jsonl]") {
  ReviewResult result = approved_social_media();
  result.title = "He said \"hi\"\\ and left\nnext\tline\r\x01\x1f end";
  result.department = "情報政策課 🏯";
  result.findings = {{"SNS-08", Severity::kLow, "social_media", {"停止時の計画\nがありません", "No \"shutdown\" plan"}}};
  std::string text;
  write_result_json(text, result);

  CHECK(text.find(R"("title":"He said \"hi\"\\ and left\nnext\tline\r\u0001\u001f end")") != std::string::npos);
  CHECK(text.find("\"department\":\"情報政策課 🏯\"") != std::string::npos);  // UTF-8 passes through
  CHECK(text.find('\n') == std::string::npos);                                  // one line, always
  const Json parsed = Json::parse(text);
  CHECK(parsed["title"] == result.title);
  CHECK(parsed["department"] == result.department);
  CHECK(parsed["findings"][0]["message"]["ja"] == "停止時の計画\nがありません");
  CHECK(parsed["findings"][0]["message"]["en"] == "No \"shutdown\" plan");
}

TEST_CASE("JSON output stays valid when the input text is not valid UTF-8", "[report][json]") {
  RecordError error{9, std::string("A\xff"), "/title", "bad \xe3\x81 cut, \xed\xa0\x80 surrogate, \xc0\xaf overlong",
                    "sjis.csv", "\xff"};
  std::string text;
  write_error_json(text, error);
  const Json parsed = Json::parse(text);  // throws on invalid UTF-8
  CHECK(parsed["ref"] == "A\xEF\xBF\xBD");
  const std::string message = parsed["message"];
  CHECK(message.find("bad \xEF\xBF\xBD\xEF\xBF\xBD cut") == 0);
  CHECK(message.find("\xc0") == std::string::npos);
  CHECK(parsed["message_ja"] == "\xEF\xBF\xBD");
}

TEST_CASE("to_json gives the same objects as the text writers", "[report][json]") {
  Json result = conditional_contractor();
  CHECK(keys_of(result).front() == "ref");
  std::string text;
  write_result_json(text, conditional_contractor());
  CHECK(result.dump() == text);

  Json error = invalid_record();
  text.clear();
  write_error_json(text, invalid_record());
  CHECK(error.dump() == text);

  const nlohmann::json summary = summary_of(2, 1, 1, 1, 0);
  CHECK(summary["decisions"]["conditional"] == 1);
  CHECK(summary["invalid"] == 1);
}

TEST_CASE("finish reports a failed output stream as an itaku::Error", "[report][json][jsonl]") {
  for (ReportFormat format : {ReportFormat::kJson, ReportFormat::kJsonl, ReportFormat::kCsv,
                              ReportFormat::kMarkdown, ReportFormat::kHtml}) {
    std::ostringstream out;
    auto writer = make_report_writer(format, out, "ja");
    writer->begin(date("2025-06-01"));
    writer->add_result(conditional_contractor());
    out.setstate(std::ios::badbit);  // as when the disk fills up or the pipe closes
    CHECK_THROWS_AS(writer->finish(summary_of(1, 0, 0, 1, 0)), Error);
  }
}

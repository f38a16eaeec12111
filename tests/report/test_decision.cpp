// docs/review.md section 3 (risk level and decision), the names and labels of severities and
// decisions, and the report format names.
#include <catch2/catch.hpp>

#include "itaku/domain/finding.hpp"
#include "itaku/report/report_sink.hpp"

using namespace itaku;

namespace {
Finding finding_of(Severity severity, std::string id = "GEN-01") {
  return {std::move(id), severity, "core", {"日本語", "English"}};
}
}  // namespace

TEST_CASE("risk_level is the highest severity, none without findings", "[report][decision]") {
  CHECK_FALSE(risk_level({}).has_value());
  CHECK(risk_level({finding_of(Severity::kLow)}) == Severity::kLow);
  CHECK(risk_level({finding_of(Severity::kMedium), finding_of(Severity::kLow)}) == Severity::kMedium);
  CHECK(risk_level({finding_of(Severity::kLow), finding_of(Severity::kHigh), finding_of(Severity::kMedium)}) ==
        Severity::kHigh);
  CHECK(risk_level({finding_of(Severity::kHigh), finding_of(Severity::kCritical), finding_of(Severity::kLow)}) ==
        Severity::kCritical);
}

TEST_CASE("decide: reject on critical, conditional on high or medium, else approve", "[report][decision]") {
  CHECK(decide({}) == Decision::kApprove);
  CHECK(decide({finding_of(Severity::kLow)}) == Decision::kApprove);
  CHECK(decide({finding_of(Severity::kLow), finding_of(Severity::kLow, "OUT-02")}) == Decision::kApprove);
  CHECK(decide({finding_of(Severity::kMedium)}) == Decision::kConditional);
  CHECK(decide({finding_of(Severity::kHigh)}) == Decision::kConditional);
  CHECK(decide({finding_of(Severity::kLow), finding_of(Severity::kMedium)}) == Decision::kConditional);
  CHECK(decide({finding_of(Severity::kCritical)}) == Decision::kReject);
  CHECK(decide({finding_of(Severity::kLow), finding_of(Severity::kHigh), finding_of(Severity::kCritical)}) ==
        Decision::kReject);
}

TEST_CASE("docs/review.md worked examples decide as documented", "[report][decision]") {
  // EX-001: GEN-02 high, OUT-09 high, OUT-13 medium -> high, conditional.
  const std::vector<Finding> ex001 = {finding_of(Severity::kHigh, "GEN-02"), finding_of(Severity::kHigh, "OUT-09"),
                                      finding_of(Severity::kMedium, "OUT-13")};
  CHECK(risk_level(ex001) == Severity::kHigh);
  CHECK(decide(ex001) == Decision::kConditional);
  // EX-002: GEN-01 high, SNS-04 high, SNS-06 medium, SNS-07 high -> high, conditional.
  const std::vector<Finding> ex002 = {finding_of(Severity::kHigh, "GEN-01"), finding_of(Severity::kHigh, "SNS-04"),
                                      finding_of(Severity::kMedium, "SNS-06"), finding_of(Severity::kHigh, "SNS-07")};
  CHECK(risk_level(ex002) == Severity::kHigh);
  CHECK(decide(ex002) == Decision::kConditional);
}

TEST_CASE("severity and decision names round-trip and reject other spellings", "[report][decision]") {
  const std::pair<Severity, const char*> severities[] = {
      {Severity::kCritical, "critical"}, {Severity::kHigh, "high"}, {Severity::kMedium, "medium"}, {Severity::kLow, "low"}};
  for (const auto& [severity, name] : severities) {
    CHECK(severity_name(severity) == name);
    CHECK(parse_severity(name) == severity);
  }
  CHECK_FALSE(parse_severity("Critical").has_value());
  CHECK_FALSE(parse_severity("none").has_value());
  CHECK_FALSE(parse_severity("").has_value());

  const std::pair<Decision, const char*> decisions[] = {
      {Decision::kApprove, "approve"}, {Decision::kConditional, "conditional"}, {Decision::kReject, "reject"}};
  for (const auto& [decision, name] : decisions) {
    CHECK(decision_name(decision) == name);
    CHECK(parse_decision(name) == decision);
  }
  CHECK_FALSE(parse_decision("approved").has_value());
  CHECK_FALSE(parse_decision("REJECT").has_value());
}

TEST_CASE("severity and decision labels carry Japanese and English", "[report][decision]") {
  CHECK(severity_label(Severity::kCritical).ja == "重大");
  CHECK(severity_label(Severity::kHigh).ja == "高");
  CHECK(severity_label(Severity::kMedium).ja == "中");
  CHECK(severity_label(Severity::kLow).ja == "低");
  CHECK(severity_label(Severity::kCritical).en == "Critical");
  CHECK(decision_label(Decision::kApprove).ja == "承認");
  CHECK(decision_label(Decision::kConditional).ja == "条件付き承認");
  CHECK(decision_label(Decision::kReject).ja == "却下");
  CHECK(decision_label(Decision::kReject).en == "Reject");
  CHECK(decision_label(Decision::kConditional).in("en") == "Conditional approval");
}

TEST_CASE("parse_report_format accepts the six format names only", "[report]") {
  CHECK(parse_report_format("json").value() == ReportFormat::kJson);
  CHECK(parse_report_format("jsonl").value() == ReportFormat::kJsonl);
  CHECK(parse_report_format("csv").value() == ReportFormat::kCsv);
  CHECK(parse_report_format("md").value() == ReportFormat::kMarkdown);
  CHECK(parse_report_format("html").value() == ReportFormat::kHtml);
  CHECK(parse_report_format("xlsx").value() == ReportFormat::kXlsx);
  for (const char* bad : {"", "JSON", "markdown", "xml", "htm", "json ", "xls", "XLSX"}) {
    INFO(bad);
    const auto parsed = parse_report_format(bad);
    REQUIRE_FALSE(parsed.is_ok());
    CHECK(parsed.status().code() == ErrorCode::kInvalidArgument);
    CHECK_FALSE(parsed.status().message().empty());
  }
}

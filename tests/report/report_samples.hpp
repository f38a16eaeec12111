// Review values shared by the report tests: two reviewed records (one with findings, one
// without), one invalid record, and a helper that runs a whole report into a string.
#pragma once

#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "itaku/report/report_sink.hpp"
#include "itaku/domain/review_result.hpp"

namespace itaku::test {

inline Date date(const char* text) { return Date::parse(text).value(); }

// docs/review.md worked example EX-001: conditional, high.
inline ReviewResult conditional_contractor() {
  ReviewResult result;
  result.record = 1;
  result.ref = "EX-001";
  result.kind = "contractor";
  result.title = "窓口受付業務委託";
  result.department = "市民課";
  result.tier = 2;
  result.decision = Decision::kConditional;
  result.risk_level = Severity::kHigh;
  result.verification = {VerificationStatus::kOverdue, date("2025-03-25"), 12};
  result.findings = {
      {"GEN-02", Severity::kHigh, "core", {"定期的な確認が期限を過ぎています", "Periodic verification is overdue"}},
      {"OUT-09", Severity::kHigh, "contractor", {"再委託の制限条項がありません", "No subcontracting clause"}},
      {"OUT-13", Severity::kMedium, "contractor", {"事故公表の条項がありません", "No incident publication clause"}},
  };
  result.vendor = ReviewedVendor{"株式会社例示システムズ", std::string("4011001098993"),
                                 {Certification{"ISMS", std::string("IS 123456"), date("2025-07-31")}}};
  return result;
}

inline ReviewResult approved_social_media() {
  ReviewResult result;
  result.record = 2;
  result.ref = "SNS-7";
  result.kind = "social_media";
  result.title = "市公式Xアカウント";
  result.department = "秘書広報課";
  result.tier = 3;
  result.decision = Decision::kApprove;
  result.risk_level = std::nullopt;
  result.verification = {VerificationStatus::kVerified, date("2026-05-01"), 24};
  return result;
}

inline ReviewResult rejected_cloud() {
  ReviewResult result;
  result.record = 4;
  result.ref = "CL-9";
  result.kind = "cloud";
  result.title = "オンライン申請サービス";
  result.department = "デジタル推進課";
  result.tier = 1;
  result.decision = Decision::kReject;
  result.risk_level = Severity::kCritical;
  result.verification = {VerificationStatus::kFailed, date("2025-06-01"), 6};
  result.findings = {
      {"CLD-02", Severity::kCritical, "cloud", {"国外でデータを保管しています", "Data stored outside Japan"}},
      {"CLD-08", Severity::kLow, "cloud", {"ISO/IEC 27017 の認証がありません", "No ISO/IEC 27017 certification"}},
  };
  result.vendor = ReviewedVendor{"Example Cloud Inc.", std::nullopt, {}};
  return result;
}

inline RecordError invalid_record() {
  return {3, std::string("R7-003"), "/vendor/corporate_number", "bad check digit", "records.jsonl",
          "法人番号のチェックデジットが不正です"};
}

inline ReviewSummary summary_of(std::size_t reviewed, std::size_t invalid, std::size_t approve,
                                std::size_t conditional, std::size_t reject) {
  ReviewSummary summary;
  summary.as_of = date("2025-06-01");
  summary.records = reviewed + invalid;
  summary.reviewed = reviewed;
  summary.invalid = invalid;
  summary.approve = approve;
  summary.conditional = conditional;
  summary.reject = reject;
  return summary;
}

// Runs begin / add_result... / add_error... / finish through a writer of `format` and returns the text.
inline std::string render(ReportFormat format, const std::vector<ReviewResult>& results,
                          const std::vector<RecordError>& errors, const std::string& lang = "ja") {
  std::ostringstream out;
  auto writer = make_report_writer(format, out, lang);
  writer->begin(date("2025-06-01"));
  std::size_t approve = 0, conditional = 0, reject = 0;
  for (const auto& result : results) {
    writer->add_result(result);
    approve += result.decision == Decision::kApprove;
    conditional += result.decision == Decision::kConditional;
    reject += result.decision == Decision::kReject;
  }
  // The summary counts invalid records, as the review does: a record with two errors is one.
  std::set<std::pair<std::string, std::size_t>> invalid;
  for (const auto& error : errors) {
    writer->add_error(error);
    invalid.emplace(error.source, error.record);
  }
  writer->finish(summary_of(results.size(), invalid.size(), approve, conditional, reject));
  return out.str();
}

inline bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// How many times `part` occurs in `text`, not overlapping.
inline std::size_t count_of(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

inline std::vector<std::string> split_lines(const std::string& text, const std::string& separator = "\n") {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + separator.size();
  }
  return lines;
}

}  // namespace itaku::test

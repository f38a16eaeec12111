// `xlsx` report: an Excel workbook for the office to filter, sort and annotate, laid out in
// docs/records.md ("The xlsx report"). Four sheets: 概要 (the counts, the departments and the
// findings by ID that the html first page shows, from the same ReportDigest), 審査結果 (one row
// per engagement), 指摘事項 (one row per finding) and 無効な記録. Results come in the printed
// report's order (by decision, then natural ref order: ResultSpool). Refs and 法人番号 are text
// cells, so Excel never turns 4011001098993 into 4.01E+12; dates are date cells.
//
// libxlsxwriter keeps every cell in memory until the workbook is written, so unlike the other
// formats this one grows with the records (about a hundred bytes a cell); the workbook is
// assembled in a temporary file and copied to the output by finish().
#include <optional>
#include <string>

#include "report/report_digest.hpp"
#include "report/report_output.hpp"
#include "report/report_writers.hpp"
#include "report/result_spool.hpp"
#include "report/wording.hpp"
#include "xlsx/xlsx_sheet.hpp"
#include "xlsx/xlsx_workbook.hpp"

namespace itaku::detail {

namespace {

namespace xlsx_labels {
inline constexpr Label kSummarySheet{"概要", "Summary"};
inline constexpr Label kInvalidSheet{"無効な記録", "Invalid records"};
// Every finding ID of a record in one cell, so that a text filter "contains OUT-09" finds it.
inline constexpr Label kFindingIds{"指摘ID一覧", "Finding IDs"};
inline constexpr Label kErrorJapanese{"エラー内容", "Error (Japanese)"};
inline constexpr Label kErrorEnglish{"エラー内容（英語）", "Error (English)"};
}  // namespace xlsx_labels

constexpr Label kResultColumns[] = {
    labels::kRecordNumber, labels::kRef,       labels::kDepartment,   labels::kTitle,
    labels::kKind,         labels::kVendor,    labels::kCorporateNumber, labels::kDecision,
    labels::kRiskLevel,    labels::kTier,      labels::kVerification, labels::kNextDue,
    labels::kInterval,     labels::kFindingCount, xlsx_labels::kFindingIds,
};
constexpr Label kFindingColumns[] = {
    labels::kRecordNumber,    labels::kRef,      labels::kDepartment, labels::kTitle,
    labels::kVendor,          labels::kCorporateNumber, labels::kDecision, labels::kFindingId,
    labels::kSeverity,        labels::kPlugin,   labels::kFindingMessage,
};
constexpr Label kErrorColumns[] = {
    labels::kFile,      labels::kRecordNumber,        labels::kRef,
    labels::kErrorPath, xlsx_labels::kErrorJapanese,  xlsx_labels::kErrorEnglish,
};

class XlsxReportWriter final : public ReportSink {
 public:
  XlsxReportWriter(std::ostream& out, Language language)
      : out_(out),
        language_(language),
        lang_(lang_code(language)),
        domain_labels_(language),
        digest_(lang_),
        summary_sheet_(book_, label(xlsx_labels::kSummarySheet)),
        results_sheet_(book_, label(labels::kResults)),
        findings_sheet_(book_, label(labels::kFindings)),
        errors_sheet_(book_, label(xlsx_labels::kInvalidSheet)) {}

  void begin(Date as_of) override { as_of_ = as_of; }

  void add_result(const ReviewResult& result) override {
    digest_.add_result(result);
    results_.add(result);
  }

  // Written at once (libxlsxwriter keeps sheets in memory and rows in any order). A failure is
  // kept for finish(), which may throw; add_error is called while the review runs.
  void add_error(const RecordError& error) override {
    digest_.add_error(error);
    if (failure_) return;
    try {
      XlsxRow row(errors_sheet_, ++error_rows_);
      row.text(error.place());
      number_or_empty(row, error.record);
      row.text(error.ref.value_or(std::string()))
          .text(error.path.empty() ? label(labels::kWholeRecord) : std::string_view(error.path))
          .text(error.message_in("ja"))
          .text(error.message);
    } catch (const Error& failure) {
      failure_ = failure.status();
    }
  }

  void finish(const ReviewSummary& summary) override {
    if (failure_) throw Error(*failure_);
    write_summary_sheet(summary);
    write_headers(results_sheet_, kResultColumns);
    write_headers(findings_sheet_, kFindingColumns);
    write_headers(errors_sheet_, kErrorColumns);
    for (Decision decision : kDecisionOrder) {
      results_.for_each(decision, [&](const ReviewResult& result) { write_result(result); });
    }
    results_sheet_.finish();
    findings_sheet_.finish();
    errors_sheet_.finish();
    book_.close_to(out_);
    finish_output(out_);
  }

 private:
  std::string_view label(const Label& label) const { return label.in(language_); }

  // A stored engagement has no input position (record 0): the cell stays empty, as in csv.
  static void number_or_empty(XlsxRow& row, std::size_t record) {
    if (record > 0) {
      row.number(static_cast<double>(record));
    } else {
      row.empty();
    }
  }

  template <std::size_t N>
  void write_headers(XlsxSheet& sheet, const Label (&columns)[N]) {
    for (std::size_t i = 0; i < N; ++i) sheet.header(static_cast<lxw_col_t>(i), label(columns[i]));
  }

  void write_result(const ReviewResult& result) {
    const std::string_view vendor = result.vendor ? std::string_view(result.vendor->name) : std::string_view();
    const std::string_view corporate_number = result.vendor && result.vendor->corporate_number
                                                  ? std::string_view(*result.vendor->corporate_number)
                                                  : std::string_view();
    std::string ids;
    for (const Finding& finding : result.findings) {
      if (!ids.empty()) ids += ", ";
      ids += finding.id;
    }
    XlsxRow row(results_sheet_, ++result_rows_);
    number_or_empty(row, result.record);
    row.text(result.ref)
        .text(result.department)
        .text(result.title)
        .text(kind_label(result.kind).in(language_))
        .text(vendor)
        .text(corporate_number)
        .text(domain_labels_.decision(result.decision))
        .text(domain_labels_.risk(result.risk_level))
        .number(static_cast<double>(result.tier))
        .text(verification_label(result.verification.status).in(language_))
        .date(result.verification.next_due)
        .number(static_cast<double>(result.verification.interval_months))
        .number(static_cast<double>(result.findings.size()))
        .text(ids);
    for (const Finding& finding : result.findings) {
      XlsxRow finding_row(findings_sheet_, ++finding_rows_);
      number_or_empty(finding_row, result.record);
      finding_row.text(result.ref)
          .text(result.department)
          .text(result.title)
          .text(vendor)
          .text(corporate_number)
          .text(domain_labels_.decision(result.decision))
          .text(finding.id)
          .text(domain_labels_.severity(finding.severity))
          .text(finding.plugin)
          .text(finding.message.in(lang_));
    }
  }

  // Not one table but three small ones under bold headings, as the html first page has them:
  // the counts, the departments (with a total row) and the findings by ID.
  void write_summary_sheet(const ReviewSummary& summary) {
    XlsxSheet& sheet = summary_sheet_;
    lxw_row_t row = 0;
    sheet.bold(row, 0, label(labels::kReportTitle));
    row += 1;
    sheet.text(row, 0, label(labels::kAsOf));
    sheet.date(row, 1, as_of_.value_or(summary.as_of));

    row += 2;
    sheet.bold(row, 0, label(labels::kSummary));
    row += 1;
    sheet.bold(row, 0, label(labels::kItem));
    sheet.bold(row, 1, label(labels::kCount));
    const auto count_row = [&](std::string_view name, std::size_t count) {
      row += 1;
      sheet.text(row, 0, name);
      sheet.number(row, 1, static_cast<double>(count));
    };
    count_row(label(labels::kRecords), summary.records);
    count_row(label(labels::kReviewed), summary.reviewed);
    count_row(domain_labels_.decision(Decision::kReject), summary.reject);
    count_row(domain_labels_.decision(Decision::kConditional), summary.conditional);
    count_row(domain_labels_.decision(Decision::kApprove), summary.approve);
    count_row(label(labels::kInvalid), summary.invalid);

    row += 2;
    sheet.bold(row, 0, label(labels::kByDepartment));
    row += 1;
    lxw_col_t column = 0;
    sheet.bold(row, column++, label(labels::kDepartment));
    sheet.bold(row, column++, label(labels::kReviewed));
    for (Decision decision : kDecisionOrder) sheet.bold(row, column++, domain_labels_.decision(decision));
    for (VerificationStatus status : kStatusColumns) {
      sheet.bold(row, column++, verification_label(status).in(language_));
    }
    for (const auto& [department, counts] : digest_.departments()) {
      row += 1;
      sheet.text(row, 0, department.empty() ? label(labels::kNoDepartment) : std::string_view(department));
      write_department_counts(row, counts);
    }
    row += 1;
    sheet.bold(row, 0, label(labels::kTotal));
    write_department_counts(row, digest_.totals());

    row += 2;
    sheet.bold(row, 0, label(labels::kFindingSummary));
    row += 1;
    column = 0;
    for (const Label& heading : {labels::kFindingId, labels::kSeverity, labels::kEngagementCount, labels::kFindingText}) {
      sheet.bold(row, column++, label(heading));
    }
    for (const ReportDigest::FindingCounts& finding : digest_.findings()) {
      row += 1;
      sheet.text(row, 0, finding.id);
      sheet.text(row, 1, severities_of(finding));
      sheet.number(row, 2, static_cast<double>(finding.engagements));
      sheet.text(row, 3, finding_text(finding));
    }
    sheet.set_widths();
  }

  void write_department_counts(lxw_row_t row, const ReportDigest::DepartmentCounts& counts) {
    lxw_col_t column = 1;
    summary_sheet_.number(row, column++, static_cast<double>(counts.engagements));
    for (Decision decision : kDecisionOrder) {
      summary_sheet_.number(row, column++, static_cast<double>(counts.decision(decision)));
    }
    for (VerificationStatus status : kStatusColumns) {
      summary_sheet_.number(row, column++, static_cast<double>(counts.status(status)));
    }
  }

  // "高・中" / "High, Medium": the severities this ID came with, most severe first.
  std::string severities_of(const ReportDigest::FindingCounts& finding) const {
    std::string text;
    for (Severity severity : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow}) {
      if (finding.by_severity[static_cast<std::size_t>(severity) - 1] == 0) continue;
      if (!text.empty()) text += list_separator(language_);
      text += domain_labels_.severity(severity);
    }
    return text;
  }

  // What the finding says, as the html summary words it: one wording; a few, numbered ①②③
  // with their counts, one a line; or an example and how many more.
  std::string finding_text(const ReportDigest::FindingCounts& finding) const {
    std::string text;
    const auto append_wording = [&](std::string_view pattern) {
      for_each_piece(
          pattern, [&](std::string_view piece) { text += piece; }, [&] { text += label(labels::kDatePlaceholder); });
    };
    if (finding.wordings.empty()) return text;
    if (finding.explained() && finding.wordings.size() == 1) {
      append_wording(finding.wordings.front().first);
    } else if (finding.explained()) {
      for (std::size_t i = 0; i < finding.wordings.size(); ++i) {
        if (i > 0) text += '\n';
        text += wording_mark(i + 1);
        text += ' ';
        append_wording(finding.wordings[i].first);
        text += language_ == Language::kEnglish ? " (" : "（";
        text += std::to_string(finding.wordings[i].second);
        text += label(labels::kCountSuffix);
        text += language_ == Language::kEnglish ? ")" : "）";
      }
    } else {
      text += label(labels::kForExample);
      append_wording(finding.wordings.front().first);
      text += '\n';
      text += other_wordings(language_, finding.wordings.size() - 1, finding.more_wordings);
    }
    return text;
  }

  std::ostream& out_;
  Language language_;
  std::string_view lang_;  // for LocalizedText::in
  DomainLabels domain_labels_;
  std::optional<Date> as_of_;
  ReportDigest digest_;
  ResultSpool results_;
  XlsxWorkbook book_;
  XlsxSheet summary_sheet_;
  XlsxSheet results_sheet_;
  XlsxSheet findings_sheet_;
  XlsxSheet errors_sheet_;
  lxw_row_t result_rows_ = 0;
  lxw_row_t finding_rows_ = 0;
  lxw_row_t error_rows_ = 0;
  std::optional<Status> failure_;  // from add_error, thrown by finish
};

}  // namespace

std::unique_ptr<ReportSink> make_xlsx_report_writer(std::ostream& out, Language language) {
  return std::make_unique<XlsxReportWriter>(out, language);
}

}  // namespace itaku::detail

// `csv` report, for Excel: UTF-8 with a BOM (without it Excel reads Shift_JIS), CRLF line
// ends and RFC 4180 quoting. One row per finding; a record without findings gets one row with
// the finding columns empty. Invalid records are rows of the same table, with 判定 "無効" and
// their own error columns, not a separate block: an Excel user works with one AutoFilter range
// and sorts it, and a second header in the middle would be sorted and filtered as data.
// Rows stream out as they come; nothing is kept.
#include <string>

#include "report/csv_row.hpp"
#include "report/json_text.hpp"
#include "report/report_output.hpp"
#include "report/report_writers.hpp"

namespace itaku::detail {

namespace {

constexpr Label kColumns[] = {
    labels::kRecordNumber, labels::kRef,     labels::kKind,      labels::kTitle,      labels::kDepartment,
    labels::kVendor,       labels::kCorporateNumber,
    labels::kTier,         labels::kDecision, labels::kRiskLevel, labels::kVerification, labels::kNextDue,
    labels::kInterval,     labels::kFindingId, labels::kSeverity, labels::kPlugin,     labels::kFindingMessage,
    labels::kFile,         labels::kErrorPath, labels::kErrorMessage,
};
constexpr std::size_t kFindingColumns = 4;  // id, severity, plugin, message
constexpr std::size_t kErrorColumns = 3;    // file, path, message

class CsvReportWriter final : public ReportSink {
 public:
  CsvReportWriter(std::ostream& out, Language language)
      : out_(out), language_(language), lang_(lang_code(language)), domain_labels_(language) {}

  void begin(Date) override { write_header(); }

  void add_result(const ReviewResult& result) override {
    write_header();
    const std::string next_due = date_text(result.verification.next_due);
    const auto record_columns = [&](CsvRow& row) {
      // A stored engagement has no input position (record 0): the cell stays empty.
      (result.record > 0 ? row.number(result.record) : row.empty())
          .cell(result.ref)
          .cell(kind_label(result.kind).in(language_))
          .cell(result.title)
          .cell(result.department)
          .cell(result.vendor ? std::string_view(result.vendor->name) : std::string_view())
          .digits_as_text(result.vendor && result.vendor->corporate_number
                              ? std::string_view(*result.vendor->corporate_number)
                              : std::string_view())
          .number(static_cast<std::size_t>(result.tier))
          .cell(domain_labels_.decision(result.decision))
          .cell(domain_labels_.risk(result.risk_level))
          .cell(verification_label(result.verification.status).in(language_))
          .cell(next_due)
          .number(static_cast<std::size_t>(result.verification.interval_months));
    };
    if (result.findings.empty()) {
      CsvRow row(buffer_);
      record_columns(row);
      row.empty(kFindingColumns + kErrorColumns).end();
    }
    for (const Finding& finding : result.findings) {
      CsvRow row(buffer_);
      record_columns(row);
      row.cell(finding.id)
          .cell(domain_labels_.severity(finding.severity))
          .cell(finding.plugin)
          .cell(finding.message.in(lang_))
          .empty(kErrorColumns)
          .end();
    }
    drain(buffer_, out_);
  }

  void add_error(const RecordError& error) override {
    write_header();
    CsvRow row(buffer_);
    row.number(error.record)
        .cell(error.ref.value_or(std::string()))
        .empty(6)  // kind, title, department, vendor, corporate number, tier
        .cell(labels::kInvalidDecision.in(language_))
        .empty(4 + kFindingColumns)  // risk, verification, next due, interval; the finding
        .cell(error.place())
        .cell(error.path.empty() ? labels::kWholeRecord.in(language_) : std::string_view(error.path))
        .cell(error.message_in(lang_))
        .end();
    drain(buffer_, out_);
  }

  void finish(const ReviewSummary&) override {
    write_header();
    finish_output(out_);
  }

 private:
  void write_header() {
    if (header_written_) return;
    header_written_ = true;
    buffer_ += kUtf8ByteOrderMark;
    CsvRow row(buffer_);
    for (const Label& column : kColumns) row.cell(column.in(language_));
    row.end();
    drain(buffer_, out_);
  }

  static std::string date_text(Date date) {
    std::string text;
    append_date(text, date);
    return text;
  }

  std::ostream& out_;
  Language language_;
  std::string_view lang_;  // for LocalizedText::in
  DomainLabels domain_labels_;
  bool header_written_ = false;
  std::string buffer_;
};

}  // namespace

std::unique_ptr<ReportSink> make_csv_report_writer(std::ostream& out, Language language) {
  return std::make_unique<CsvReportWriter>(out, language);
}

}  // namespace itaku::detail

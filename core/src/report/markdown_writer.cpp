// `md` report: a summary table, a table of all reviewed records, the findings of each record
// with findings, then the invalid records. The summary comes first but is known only at the
// end, so the three record-sized parts are spooled and copied out by finish().
#include <optional>
#include <string>

#include "report/json_text.hpp"
#include "report/report_output.hpp"
#include "report/report_writers.hpp"
#include "report/spool_file.hpp"
#include "text/utf8.hpp"

namespace itaku::detail {

namespace {

// Inline Markdown: punctuation that could start emphasis, code, links, HTML or a table cell
// boundary is backslash-escaped (CommonMark allows it before any ASCII punctuation), and line
// breaks become spaces so a value never breaks a table row or a heading.
void append_markdown_text(std::string& out, std::string_view text) {
  append_with_ascii_handler(out, text, [](std::string& out, char c) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '|': case '~': case '&': case '#': case '!':
        out += '\\';
        out += c;
        return;
      case '\n': case '\r': case '\t':
        out += ' ';
        return;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += kReplacementCharacter;
        } else {
          out += c;
        }
    }
  });
}

class MarkdownReportWriter final : public ReportSink {
 public:
  MarkdownReportWriter(std::ostream& out, Language language)
      : out_(out), language_(language), lang_(lang_code(language)), domain_labels_(language) {}

  void begin(Date as_of) override { as_of_ = as_of; }

  void add_result(const ReviewResult& result) override {
    write_result_row(result);
    results_.append(buffer_);
    buffer_.clear();
    if (!result.findings.empty()) {
      if (!findings_.empty()) buffer_ += '\n';  // a blank line between two records' sections
      write_findings_section(result);
      findings_.append(buffer_);
      buffer_.clear();
    }
  }

  void add_error(const RecordError& error) override {
    buffer_ += "| ";
    append_number(buffer_, error.record);
    buffer_ += " | ";
    append_markdown_text(buffer_, error.ref.value_or(std::string()));
    buffer_ += " | ";
    append_markdown_text(buffer_, error.place());
    buffer_ += " | ";
    if (error.path.empty()) {
      buffer_ += label(labels::kWholeRecord);
    } else {
      append_markdown_text(buffer_, error.path);
    }
    buffer_ += " | ";
    append_markdown_text(buffer_, error.message_in(lang_));
    buffer_ += " |\n";
    errors_.append(buffer_);
    buffer_.clear();
  }

  void finish(const ReviewSummary& summary) override {
    write_heading_and_summary(as_of_.value_or(summary.as_of), summary);

    section(labels::kResults);
    if (results_.empty()) {
      nothing();
    } else {
      table_head({labels::kRecordNumber, labels::kRef, labels::kTitle, labels::kDepartment, labels::kKind,
                  labels::kTier, labels::kDecision, labels::kRiskLevel, labels::kVerification, labels::kNextDue,
                  labels::kFindingCount},
                 "|---:|---|---|---|---|---:|---|---|---|---|---:|\n");
      drain(buffer_, out_);
      results_.copy_to(out_);
    }

    section(labels::kFindings);
    if (findings_.empty()) {
      nothing();
    } else {
      drain(buffer_, out_);
      findings_.copy_to(out_);
    }

    section(labels::kInvalidRecords);
    if (errors_.empty()) {
      nothing();
    } else {
      table_head({labels::kRecordNumber, labels::kRef, labels::kFile, labels::kErrorPath, labels::kErrorMessage},
                 "|---:|---|---|---|---|\n");
      drain(buffer_, out_);
      errors_.copy_to(out_);
    }
    drain(buffer_, out_);
    finish_output(out_);
  }

 private:
  std::string_view label(const Label& label) const { return label.in(language_); }

  void write_result_row(const ReviewResult& result) {
    buffer_ += "| ";
    append_number(buffer_, result.record);
    buffer_ += " | ";
    append_markdown_text(buffer_, result.ref);
    buffer_ += " | ";
    append_markdown_text(buffer_, result.title);
    buffer_ += " | ";
    append_markdown_text(buffer_, result.department);
    buffer_ += " | ";
    append_markdown_text(buffer_, kind_label(result.kind).in(language_));
    buffer_ += " | ";
    append_number(buffer_, result.tier);
    buffer_ += " | ";
    buffer_ += domain_labels_.decision(result.decision);
    buffer_ += " | ";
    buffer_ += domain_labels_.risk(result.risk_level);
    buffer_ += " | ";
    buffer_ += verification_label(result.verification.status).in(language_);
    buffer_ += " | ";
    append_date(buffer_, result.verification.next_due);
    buffer_ += " | ";
    append_number(buffer_, result.findings.size());
    buffer_ += " |\n";
  }

  void write_findings_section(const ReviewResult& result) {
    buffer_ += "### ";
    append_markdown_text(buffer_, result.ref);
    buffer_ += ' ';
    append_markdown_text(buffer_, result.title);
    buffer_ += language_ == Language::kEnglish ? " (" : "（";
    append_markdown_text(buffer_, result.department);
    buffer_ += language_ == Language::kEnglish ? ")" : "）";
    buffer_ += "\n\n";
    buffer_ += "- ";
    buffer_ += label(labels::kDecision);
    buffer_ += ": ";
    buffer_ += domain_labels_.decision(result.decision);
    buffer_ += " / ";
    buffer_ += label(labels::kRiskLevel);
    buffer_ += ": ";
    buffer_ += domain_labels_.risk(result.risk_level);
    buffer_ += "\n\n";
    table_head({labels::kFindingId, labels::kSeverity, labels::kFindingMessage}, "|---|---|---|\n");
    for (const Finding& finding : result.findings) {
      buffer_ += "| ";
      append_markdown_text(buffer_, finding.id);
      buffer_ += " | ";
      buffer_ += domain_labels_.severity(finding.severity);
      buffer_ += " | ";
      append_markdown_text(buffer_, finding.message.in(lang_));
      buffer_ += " |\n";
    }
  }

  void write_heading_and_summary(Date as_of, const ReviewSummary& summary) {
    buffer_ += "# ";
    buffer_ += label(labels::kReportTitle);
    buffer_ += "\n\n";
    buffer_ += label(labels::kReportScope);
    buffer_ += "\n\n- ";
    buffer_ += label(labels::kAsOf);
    buffer_ += ": ";
    append_date(buffer_, as_of);
    buffer_ += '\n';
    section(labels::kSummary);
    table_head({labels::kItem, labels::kCount}, "|---|---:|\n");
    summary_row(label(labels::kRecords), summary.records);
    summary_row(label(labels::kReviewed), summary.reviewed);
    summary_row(label(labels::kInvalid), summary.invalid);
    summary_row(domain_labels_.decision(Decision::kReject), summary.reject);
    summary_row(domain_labels_.decision(Decision::kConditional), summary.conditional);
    summary_row(domain_labels_.decision(Decision::kApprove), summary.approve);
  }

  void summary_row(std::string_view name, std::size_t count) {
    buffer_ += "| ";
    buffer_ += name;
    buffer_ += " | ";
    append_number(buffer_, count);
    buffer_ += " |\n";
  }

  void section(const Label& title) {
    buffer_ += "\n## ";
    buffer_ += label(title);
    buffer_ += "\n\n";
  }

  void nothing() {
    buffer_ += label(labels::kNothing);
    buffer_ += '\n';
  }

  void table_head(std::initializer_list<Label> columns, std::string_view alignment_row) {
    buffer_ += '|';
    for (const Label& column : columns) {
      buffer_ += ' ';
      buffer_ += label(column);
      buffer_ += " |";
    }
    buffer_ += '\n';
    buffer_ += alignment_row;
  }

  std::ostream& out_;
  Language language_;
  std::string_view lang_;  // for LocalizedText::in
  DomainLabels domain_labels_;
  std::optional<Date> as_of_;
  std::string buffer_;  // empty between calls
  SpoolFile results_;
  SpoolFile findings_;
  SpoolFile errors_;
};

}  // namespace

std::unique_ptr<ReportSink> make_markdown_report_writer(std::ostream& out, Language language) {
  return std::make_unique<MarkdownReportWriter>(out, language);
}

}  // namespace itaku::detail

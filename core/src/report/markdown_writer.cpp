// `md` report, laid out like the html one (docs/records.md, "The printed report"): the
// summary, departments, failed verifications, lapsing certificates and findings by ID first,
// then one table row per record grouped by decision in natural ref order, then the invalid
// records. What comes first is known only at the end, so results are spooled (ResultSpool).
#include <optional>
#include <string>

#include "itaku/report/due_list.hpp"
#include "report/finding_ids.hpp"
#include "report/json_text.hpp"
#include "report/report_digest.hpp"
#include "report/report_output.hpp"
#include "report/report_writers.hpp"
#include "report/result_spool.hpp"
#include "report/spool_file.hpp"
#include "report/wording.hpp"
#include "text/utf8.hpp"

namespace itaku::detail {

namespace {

// Inline Markdown: punctuation that could start emphasis, code, links, HTML or a table cell
// boundary is backslash-escaped (CommonMark allows it before any ASCII punctuation). The text is
// first put on one line as the work list does (on_one_line: a line break shows as ⏎, bidi
// overrides and control characters become spaces), so a value never breaks a table row or a
// heading, nor turns the rest of a row around.
void append_markdown_text(std::string& out, std::string_view text) {
  append_with_ascii_handler(out, on_one_line(text), [](std::string& out, char c) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '|': case '~': case '&': case '#': case '!':
        out += '\\';
        out += c;
        return;
      default:
        out += c;
    }
  });
}

class MarkdownReportWriter final : public ReportSink {
 public:
  MarkdownReportWriter(std::ostream& out, Language language)
      : out_(out), language_(language), lang_(lang_code(language)), domain_labels_(language), digest_(lang_) {}

  void begin(Date as_of) override { as_of_ = as_of; }

  void add_result(const ReviewResult& result) override {
    digest_.add_result(result);
    results_.add(result);
    if (result.record > 0) numbered_ = true;
  }

  void add_error(const RecordError& error) override {
    digest_.add_error(error);
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
    write_departments();
    write_failed_verifications();
    write_expiring_certificates();
    write_finding_summary();
    buffer_ += "\n## ";  // the decision groups below open with a blank line of their own
    buffer_ += label(labels::kDetails);
    buffer_ += '\n';
    for (Decision decision : kDecisionOrder) write_group(decision);
    write_errors();
    drain(buffer_, out_);
    finish_output(out_);
  }

 private:
  std::string_view label(const Label& label) const { return label.in(language_); }

  void append_department(std::string_view department) {
    if (department.empty()) {
      buffer_ += label(labels::kNoDepartment);
    } else {
      append_markdown_text(buffer_, department);
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

  void write_departments() {
    section(labels::kByDepartment);
    if (digest_.totals().engagements == 0) {
      nothing();
      return;
    }
    buffer_ += "| ";
    buffer_ += label(labels::kDepartment);
    buffer_ += " | ";
    buffer_ += label(labels::kReviewed);
    buffer_ += " |";
    for (Decision decision : kDecisionOrder) {
      buffer_ += ' ';
      buffer_ += domain_labels_.decision(decision);
      buffer_ += " |";
    }
    for (VerificationStatus status : kStatusColumns) {
      buffer_ += ' ';
      buffer_ += verification_label(status).in(language_);
      buffer_ += " |";
    }
    buffer_ += "\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for (const auto& [department, counts] : digest_.departments()) {
      buffer_ += "| ";
      append_department(department);
      department_counts(counts, "");
    }
    buffer_ += "| **";
    buffer_ += label(labels::kTotal);
    buffer_ += "**";
    department_counts(digest_.totals(), "**");
  }

  void department_counts(const ReportDigest::DepartmentCounts& counts, std::string_view emphasis) {
    const auto cell = [&](std::size_t count) {
      buffer_ += " | ";
      buffer_ += emphasis;
      append_number(buffer_, count);
      buffer_ += emphasis;
    };
    cell(counts.engagements);
    for (Decision decision : kDecisionOrder) cell(counts.decision(decision));
    for (VerificationStatus status : kStatusColumns) cell(counts.status(status));
    buffer_ += " |\n";
  }

  void write_failed_verifications() {
    const std::size_t failed = digest_.totals().status(VerificationStatus::kFailed);
    section_with_count(labels::kFailedVerifications, failed);
    if (failed == 0) {
      nothing();
      return;
    }
    for (const auto& engagement : digest_.failed_verifications()) {
      buffer_ += "- ";
      append_markdown_text(buffer_, engagement.ref);
      buffer_ += ' ';
      append_markdown_text(buffer_, engagement.title);
      buffer_ += language_ == Language::kEnglish ? " (" : "（";
      append_department(engagement.department);
      buffer_ += language_ == Language::kEnglish ? ")\n" : "）\n";
    }
    if (failed > digest_.failed_verifications().size()) {
      buffer_ += "- ";
      buffer_ += and_more(language_, failed - digest_.failed_verifications().size());
      buffer_ += '\n';
    }
  }

  void write_expiring_certificates() {
    const auto certificates = digest_.expiring_certificates();
    section_with_count(labels::kExpiringCertificates, certificates.size());
    if (certificates.empty()) {
      nothing();
      return;
    }
    table_head({labels::kValidUntil, labels::kCertification, labels::kVendor, labels::kCorporateNumber,
                labels::kEngagements},
               "|---|---|---|---|---|\n");
    for (const auto& certificate : certificates) {
      buffer_ += "| ";
      append_date(buffer_, certificate.certification.valid_until);
      buffer_ += " | ";
      append_markdown_text(buffer_, certificate.certification.scheme);
      if (certificate.certification.number) {
        buffer_ += ' ';
        append_markdown_text(buffer_, *certificate.certification.number);
      }
      buffer_ += " | ";
      append_markdown_text(buffer_, certificate.vendor);
      buffer_ += " | ";
      append_markdown_text(buffer_, certificate.corporate_number.value_or(""));
      buffer_ += " | ";
      for (std::size_t i = 0; i < certificate.refs.size(); ++i) {
        if (i > 0) buffer_ += ", ";
        append_markdown_text(buffer_, certificate.refs[i]);
      }
      if (certificate.engagements > certificate.refs.size()) {
        buffer_ += ' ';
        buffer_ += and_more(language_, certificate.engagements - certificate.refs.size());
      }
      buffer_ += " |\n";
    }
  }

  void write_finding_summary() {
    section(labels::kFindingSummary);
    const auto findings = digest_.findings();
    if (findings.empty()) {
      nothing();
      return;
    }
    table_head({labels::kFindingId, labels::kSeverity, labels::kEngagementCount, labels::kFindingText},
               "|---|---|---:|---|\n");
    for (const ReportDigest::FindingCounts& finding : findings) {
      buffer_ += "| ";
      append_markdown_text(buffer_, finding.id);
      buffer_ += " | ";
      bool first = true;
      for (Severity severity : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow}) {
        if (finding.by_severity[static_cast<std::size_t>(severity) - 1] == 0) continue;
        if (!first) buffer_ += list_separator(language_);
        first = false;
        buffer_ += domain_labels_.severity(severity);
      }
      buffer_ += " | ";
      append_number(buffer_, finding.engagements);
      buffer_ += " | ";
      if (finding.explained() && finding.wordings.size() == 1) {
        append_wording(finding.wordings.front().first);
      } else if (finding.explained()) {
        for (std::size_t i = 0; i < finding.wordings.size(); ++i) {
          if (i > 0) buffer_ += ' ';
          buffer_ += wording_mark(i + 1);
          buffer_ += ' ';
          append_wording(finding.wordings[i].first);
          buffer_ += language_ == Language::kEnglish ? " (" : "（";
          append_count(finding.wordings[i].second);
          buffer_ += language_ == Language::kEnglish ? ")" : "）";
        }
      } else {
        buffer_ += label(labels::kForExample);
        append_wording(finding.wordings.front().first);
        buffer_ += language_ == Language::kEnglish ? " (" : "（";
        buffer_ += other_wordings(language_, finding.wordings.size() - 1, finding.more_wordings);
        buffer_ += language_ == Language::kEnglish ? ")" : "）";
      }
      buffer_ += " |\n";
    }
  }

  void append_wording(std::string_view pattern) {
    for_each_piece(
        pattern, [&](std::string_view text) { append_markdown_text(buffer_, text); },
        [&] { buffer_ += label(labels::kDatePlaceholder); });
  }

  void write_group(Decision decision) {
    const std::size_t count = results_.count(decision);
    buffer_ += "\n### ";
    buffer_ += domain_labels_.decision(decision);
    buffer_ += ' ';
    append_count(count);
    buffer_ += "\n\n";
    if (count == 0) {
      nothing();
      return;
    }
    buffer_ += '|';
    if (numbered_) {
      buffer_ += ' ';
      buffer_ += label(labels::kRecordNumber);
      buffer_ += " |";
    }
    for (const Label& column : {labels::kRef, labels::kTitle, labels::kDepartment, labels::kKind, labels::kTier,
                                labels::kVendor, labels::kCorporateNumber, labels::kRiskLevel,
                                labels::kVerification, labels::kNextDue, labels::kFindings}) {
      buffer_ += ' ';
      buffer_ += label(column);
      buffer_ += " |";
    }
    buffer_ += numbered_ ? "\n|---:|---|---|---|---|---:|---|---|---|---|---|---|\n"
                         : "\n|---|---|---|---|---:|---|---|---|---|---|---|\n";
    results_.for_each(decision, [&](const ReviewResult& result) {
      write_result_row(result);
      if (buffer_.size() > (1 << 16)) drain(buffer_, out_);
    });
  }

  void write_result_row(const ReviewResult& result) {
    buffer_ += '|';
    if (numbered_) {
      buffer_ += ' ';
      append_number(buffer_, result.record);
      buffer_ += " |";
    }
    buffer_ += ' ';
    append_markdown_text(buffer_, result.ref);
    buffer_ += " | ";
    append_markdown_text(buffer_, result.title);
    buffer_ += " | ";
    append_department(result.department);
    buffer_ += " | ";
    append_markdown_text(buffer_, kind_label(result.kind).in(language_));
    buffer_ += " | ";
    append_number(buffer_, result.tier);
    buffer_ += " | ";
    if (result.vendor) {
      append_markdown_text(buffer_, result.vendor->name);
      buffer_ += " | ";
      append_markdown_text(buffer_, result.vendor->corporate_number.value_or(""));
    } else {
      buffer_ += " | ";
    }
    buffer_ += " | ";
    buffer_ += domain_labels_.risk(result.risk_level);
    buffer_ += " | ";
    buffer_ += verification_label(result.verification.status).in(language_);
    buffer_ += " | ";
    append_date(buffer_, result.verification.next_due);
    buffer_ += " | ";
    write_findings_cell(result);
    buffer_ += " |\n";
  }

  // "高 GEN-01〜02, OUT-01; 中 OUT-02〜06; GEN-02① 2024-04-01": IDs by severity, then what the
  // digest's notes add: which wording and its dates, or the whole words (ReportDigest::notes_for).
  void write_findings_cell(const ReviewResult& result) {
    if (result.findings.empty()) {
      buffer_ += label(labels::kNoFindings);
      return;
    }
    bool first = true;
    const auto separate = [&] {
      if (!first) buffer_ += "; ";
      first = false;
    };
    for (const IdsOfSeverity& group : ids_by_severity(result.findings, label(labels::kRangeMark))) {
      separate();
      buffer_ += domain_labels_.severity(group.severity);
      buffer_ += ' ';
      append_markdown_text(buffer_, group.ids);
    }
    for (const ReportDigest::FindingNote& note : digest_.notes_for(result)) {
      separate();
      append_markdown_text(buffer_, note.id);
      buffer_ += wording_mark(note.wording);
      if (!note.message.empty()) {
        buffer_ += ": ";
        append_markdown_text(buffer_, note.message);
        continue;
      }
      for (std::size_t i = 0; i < note.dates.size(); ++i) {
        buffer_ += i == 0 ? " " : ", ";
        buffer_ += note.dates[i];
      }
    }
  }

  void write_errors() {
    const std::size_t records = digest_.invalid_records();
    const std::size_t errors = digest_.errors();
    buffer_ += "\n## ";
    buffer_ += label(labels::kInvalidRecords);
    buffer_ += ' ';
    append_count(records);
    if (errors > records) buffer_ += error_count_note(language_, errors);
    buffer_ += "\n\n";
    if (errors == 0) {
      nothing();
      return;
    }
    table_head({labels::kRecordNumber, labels::kRef, labels::kFile, labels::kErrorPath, labels::kErrorMessage},
               "|---:|---|---|---|---|\n");
    drain(buffer_, out_);
    errors_.copy_to(out_);
  }

  void append_count(std::size_t count) {
    append_number(buffer_, count);
    buffer_ += label(labels::kCountSuffix);
  }

  void section(const Label& title) {
    buffer_ += "\n## ";
    buffer_ += label(title);
    buffer_ += "\n\n";
  }

  void section_with_count(const Label& title, std::size_t count) {
    buffer_ += "\n## ";
    buffer_ += label(title);
    buffer_ += ' ';
    append_count(count);
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
  ReportDigest digest_;
  ResultSpool results_;
  bool numbered_ = false;  // some result has an input position (a file review)
  SpoolFile errors_;
};

}  // namespace

std::unique_ptr<ReportSink> make_markdown_report_writer(std::ostream& out, Language language) {
  return std::make_unique<MarkdownReportWriter>(out, language);
}

}  // namespace itaku::detail

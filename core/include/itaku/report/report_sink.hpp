// Where review results go. Writers stream: memory stays flat however many records pass
// through (formats that must print the summary first spool to a temporary file). The one
// exception is xlsx: libxlsxwriter holds the workbook's cells in memory until it is written.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "itaku/error.hpp"
#include "itaku/domain/review_result.hpp"

namespace itaku {

class ReportSink {
 public:
  virtual ~ReportSink() = default;
  virtual void begin(Date as_of) = 0;
  virtual void add_result(const ReviewResult& result) = 0;
  virtual void add_error(const RecordError& error) = 0;
  // Writes whatever the format keeps for the end and flushes. Throws itaku::Error on I/O failure.
  virtual void finish(const ReviewSummary& summary) = 0;
};

enum class ReportFormat { kJson, kJsonl, kCsv, kMarkdown, kHtml, kXlsx };

Result<ReportFormat> parse_report_format(std::string_view name);  // json|jsonl|csv|md|html|xlsx
// `lang` is "ja" or "en" (human-readable formats only; JSON always carries both). xlsx is a
// binary Excel workbook (a ZIP file): `out` should be a file or a pipe, not a terminal. Its
// writer throws itaku::Error (kUnavailable) when it cannot create its temporary file.
std::unique_ptr<ReportSink> make_report_writer(ReportFormat format, std::ostream& out, std::string lang);

}  // namespace itaku

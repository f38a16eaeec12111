// One factory per report format; make_report_writer (report_format.cpp) chooses among them.
#pragma once

#include <memory>
#include <ostream>

#include "itaku/report/report_sink.hpp"
#include "report/report_labels.hpp"

namespace itaku::detail {

std::unique_ptr<ReportSink> make_json_report_writer(std::ostream& out);
std::unique_ptr<ReportSink> make_jsonl_report_writer(std::ostream& out);
std::unique_ptr<ReportSink> make_csv_report_writer(std::ostream& out, Language language);
std::unique_ptr<ReportSink> make_markdown_report_writer(std::ostream& out, Language language);
std::unique_ptr<ReportSink> make_html_report_writer(std::ostream& out, Language language);
std::unique_ptr<ReportSink> make_xlsx_report_writer(std::ostream& out, Language language);

}  // namespace itaku::detail

// Report format names and the choice of writer.
#include "itaku/report/report_sink.hpp"
#include "report/report_writers.hpp"

namespace itaku {

Result<ReportFormat> parse_report_format(std::string_view name) {
  if (name == "json") return ReportFormat::kJson;
  if (name == "jsonl") return ReportFormat::kJsonl;
  if (name == "csv") return ReportFormat::kCsv;
  if (name == "md") return ReportFormat::kMarkdown;
  if (name == "html") return ReportFormat::kHtml;
  if (name == "xlsx") return ReportFormat::kXlsx;
  return Status(ErrorCode::kInvalidArgument,
                "不明なレポート形式です（json, jsonl, csv, md, html, xlsx のいずれか） / unknown report format '" +
                    std::string(name) + "' (expected json, jsonl, csv, md, html or xlsx)");
}

std::unique_ptr<ReportSink> make_report_writer(ReportFormat format, std::ostream& out, std::string lang) {
  const detail::Language language = detail::language_from(lang);
  switch (format) {
    case ReportFormat::kJson: return detail::make_json_report_writer(out);
    case ReportFormat::kJsonl: return detail::make_jsonl_report_writer(out);
    case ReportFormat::kCsv: return detail::make_csv_report_writer(out, language);
    case ReportFormat::kMarkdown: return detail::make_markdown_report_writer(out, language);
    case ReportFormat::kHtml: return detail::make_html_report_writer(out, language);
    case ReportFormat::kXlsx: return detail::make_xlsx_report_writer(out, language);
  }
  return detail::make_json_report_writer(out);
}

}  // namespace itaku

// `json` report: one document {as_of, summary, results, errors}. The summary comes first but
// is known only at the end, so results and errors are spooled and copied out by finish().
// One result or error per line keeps a large report greppable and diffable.
#include <optional>
#include <string>

#include "itaku/report/report_json.hpp"
#include "report/json_text.hpp"
#include "report/report_output.hpp"
#include "report/report_writers.hpp"
#include "report/spool_file.hpp"

namespace itaku::detail {

namespace {

class JsonReportWriter final : public ReportSink {
 public:
  explicit JsonReportWriter(std::ostream& out) : out_(out) {}

  void begin(Date as_of) override { as_of_ = as_of; }

  void add_result(const ReviewResult& result) override {
    buffer_.clear();
    buffer_ += results_.empty() ? "\n" : ",\n";
    write_result_json(buffer_, result);
    results_.append(buffer_);
  }

  void add_error(const RecordError& error) override {
    buffer_.clear();
    buffer_ += errors_.empty() ? "\n" : ",\n";
    write_error_json(buffer_, error);
    errors_.append(buffer_);
  }

  void finish(const ReviewSummary& summary) override {
    buffer_.clear();
    buffer_ += "{\"as_of\":";
    append_json_date(buffer_, as_of_.value_or(summary.as_of));
    buffer_ += ",\"summary\":";
    write_summary_json(buffer_, summary);
    buffer_ += ",\"results\":[";
    drain(buffer_, out_);
    results_.copy_to(out_);
    out_ << (results_.empty() ? "],\"errors\":[" : "\n],\"errors\":[");
    errors_.copy_to(out_);
    out_ << (errors_.empty() ? "]}\n" : "\n]}\n");
    finish_output(out_);
  }

 private:
  std::ostream& out_;
  std::optional<Date> as_of_;
  std::string buffer_;
  SpoolFile results_;
  SpoolFile errors_;
};

}  // namespace

std::unique_ptr<ReportSink> make_json_report_writer(std::ostream& out) {
  return std::make_unique<JsonReportWriter>(out);
}

}  // namespace itaku::detail

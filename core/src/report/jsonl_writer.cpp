// `jsonl` report: each result goes out as one line the moment it arrives; the last line is
// {"as_of", "summary", "errors"}. Errors are spooled because they belong on that last line.
#include <optional>
#include <string>

#include "itaku/report/report_json.hpp"
#include "report/json_text.hpp"
#include "report/report_output.hpp"
#include "report/report_writers.hpp"
#include "report/spool_file.hpp"

namespace itaku::detail {

namespace {

class JsonlReportWriter final : public ReportSink {
 public:
  explicit JsonlReportWriter(std::ostream& out) : out_(out) {}

  void begin(Date as_of) override { as_of_ = as_of; }

  void add_result(const ReviewResult& result) override {
    write_result_json(buffer_, result);
    buffer_ += '\n';
    drain(buffer_, out_);
  }

  void add_error(const RecordError& error) override {
    buffer_.clear();
    if (!errors_.empty()) buffer_ += ',';
    write_error_json(buffer_, error);
    errors_.append(buffer_);
    buffer_.clear();
  }

  void finish(const ReviewSummary& summary) override {
    buffer_.clear();
    buffer_ += "{\"as_of\":";
    append_json_date(buffer_, as_of_.value_or(summary.as_of));
    buffer_ += ",\"summary\":";
    write_summary_json(buffer_, summary);
    buffer_ += ",\"errors\":[";
    drain(buffer_, out_);
    errors_.copy_to(out_);
    out_ << "]}\n";
    finish_output(out_);
  }

 private:
  std::ostream& out_;
  std::optional<Date> as_of_;
  std::string buffer_;  // empty between calls
  SpoolFile errors_;
};

}  // namespace

std::unique_ptr<ReportSink> make_jsonl_report_writer(std::ostream& out) {
  return std::make_unique<JsonlReportWriter>(out);
}

}  // namespace itaku::detail

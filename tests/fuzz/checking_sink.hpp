// A report sink for the fuzz targets that review records: writes every result and error as the
// JSON report would (report_json.hpp) and checks that the text parses back, and that no record
// was an internal error (exit code 3 is for Itaku's own faults, never for bad input).
#pragma once

#include <string>

#include "fuzz_support.hpp"
#include "itaku/report/report_json.hpp"
#include "itaku/report/report_sink.hpp"
#include "itaku/service/review_service.hpp"

namespace itaku::fuzz {

class CheckingSink final : public ReportSink {
 public:
  void begin(Date) override {}
  void add_result(const ReviewResult& result) override {
    std::string text;
    write_result_json(text, result);
    require_json(text, "a review result written as JSON does not parse");
  }
  void add_error(const RecordError& error) override {
    require_utf8(error.message, "a record error message is not UTF-8");
    std::string text;
    write_error_json(text, error);
    require_json(text, "a record error written as JSON does not parse");
    last_error_ = error.path + ": " + error.message;
  }
  void finish(const ReviewSummary& summary) override {
    require(summary.internal_errors == 0, "input was reported as an internal error (exit code 3)", last_error_);
    require(summary.records == summary.reviewed + summary.invalid, "the review summary does not add up");
  }

 private:
  std::string last_error_;
};

// The service every record goes through, with the real plugins; created once.
inline const ReviewService& review_service() {
  static const ReviewService service = [] {
    auto created = ReviewService::create(real_plugins());
    if (!created) fail("cannot create the review service", created.status().to_string());
    return std::move(created).value();
  }();
  return service;
}

// Reviews every record of `source` into a CheckingSink, as `itaku review` does (one job).
inline void review_checked(std::unique_ptr<RecordSource> source) {
  std::vector<std::unique_ptr<RecordSource>> sources;
  sources.push_back(std::move(source));
  CheckingSink sink;
  review_service().review_all(sources, sink, Date::from_ymd(2026, 4, 1));
}

}  // namespace itaku::fuzz

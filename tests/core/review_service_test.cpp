#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "itaku/domain/engagement_json.hpp"
#include "itaku/service/review_service.hpp"
#include "plugin_fixture.hpp"
#include "sample_engagements.hpp"

using namespace itaku;

namespace {

const Date kAsOf = Date::from_ymd(2025, 6, 1);

const ReviewService& service() {
  static const ReviewService instance = ReviewService::create(test::real_plugins()).value();
  return instance;
}

std::vector<std::pair<std::string, Severity>> id_severities(const ReviewResult& result) {
  std::vector<std::pair<std::string, Severity>> out;
  for (const auto& f : result.findings) out.emplace_back(f.id, f.severity);
  return out;
}

// Collects what a review writes, in order.
struct CollectingSink : ReportSink {
  std::vector<ReviewResult> results;
  std::vector<RecordError> errors;
  bool finished = false;
  void begin(Date) override {}
  void add_result(const ReviewResult& r) override { results.push_back(r); }
  void add_error(const RecordError& e) override { errors.push_back(e); }
  void finish(const ReviewSummary&) override { finished = true; }
};

}  // namespace

TEST_CASE("worked example EX-001 gives exactly docs/review.md's result", "[review][worked_example]") {
  const ReviewResult r = service().review(engagement_from_json(test::worked_example_ex001()), kAsOf);
  CHECK(r.tier == 2);
  CHECK(r.verification.status == VerificationStatus::kOverdue);
  CHECK(r.verification.next_due == Date::from_ymd(2025, 3, 25));
  CHECK(r.verification.interval_months == 12);
  using P = std::pair<std::string, Severity>;
  CHECK(id_severities(r) ==
        std::vector<P>{{"GEN-02", Severity::kHigh}, {"OUT-09", Severity::kHigh}, {"OUT-13", Severity::kMedium}});
  CHECK(r.risk_level == Severity::kHigh);
  CHECK(r.decision == Decision::kConditional);
  CHECK(r.findings[1].plugin == "contractor");
  CHECK(r.findings[0].plugin == "core");
}

TEST_CASE("worked example EX-002 gives exactly docs/review.md's result", "[review][worked_example]") {
  const ReviewResult r = service().review(engagement_from_json(test::worked_example_ex002()), kAsOf);
  CHECK(r.tier == 3);
  CHECK(r.verification.status == VerificationStatus::kUnverified);
  CHECK(r.verification.next_due == Date::from_ymd(2026, 7, 1));
  CHECK(r.verification.interval_months == 24);
  using P = std::pair<std::string, Severity>;
  CHECK(id_severities(r) == std::vector<P>{{"GEN-01", Severity::kHigh},
                                           {"SNS-04", Severity::kHigh},
                                           {"SNS-06", Severity::kMedium},
                                           {"SNS-07", Severity::kHigh}});
  CHECK(r.risk_level == Severity::kHigh);
  CHECK(r.decision == Decision::kConditional);
}

TEST_CASE("a throwing plugin becomes a critical finding naming it, and other records go on", "[review][plugin]") {
  auto host = PluginHost::load({std::string(ITAKU_TEST_PLUGIN_ROOT) + "/throwing"});
  REQUIRE(host);
  auto throwing_service = ReviewService::create(*host);
  REQUIRE(throwing_service);
  nlohmann::json record = test::worked_example_ex001();
  record.erase("clauses");  // the test plugin knows no clauses
  const ReviewResult r = throwing_service->review(engagement_from_json(record), kAsOf);
  const auto it = std::find_if(r.findings.begin(), r.findings.end(),
                               [](const Finding& f) { return f.id == kPluginErrorFindingId; });
  REQUIRE(it != r.findings.end());
  CHECK(it->plugin == "throwing");
  CHECK(it->severity == Severity::kCritical);
  CHECK(it->message.en.find("simulated failure on EX-001") != std::string::npos);
  CHECK(r.decision == Decision::kReject);
  // core rules still ran
  CHECK(std::any_of(r.findings.begin(), r.findings.end(), [](const Finding& f) { return f.id == "GEN-02"; }));
}

TEST_CASE("review_all keeps input order and reports invalid records without stopping", "[review]") {
  std::stringstream input;
  nlohmann::json bad = test::worked_example_ex001();
  bad["ref"] = "BAD-1";
  bad["vendor"]["corporate_number"] = "1234567890123";
  input << test::worked_example_ex001().dump() << "\n"
        << "{not json\n"
        << "\n"
        << bad.dump() << "\n"
        << test::worked_example_ex002().dump() << "\n";
  std::vector<std::unique_ptr<RecordSource>> sources;
  sources.push_back(make_jsonl_source(input, "-"));
  CollectingSink sink;
  const ReviewSummary summary = service().review_all(sources, sink, kAsOf);
  CHECK(sink.finished);
  CHECK(summary.records == 4);
  CHECK(summary.reviewed == 2);
  CHECK(summary.invalid == 2);
  CHECK(summary.conditional == 2);
  REQUIRE(sink.results.size() == 2);
  CHECK(sink.results[0].ref == "EX-001");
  CHECK(sink.results[0].record == 1);
  CHECK(sink.results[1].ref == "EX-002");
  CHECK(sink.results[1].record == 5);  // line number, blank line counted
  REQUIRE(sink.errors.size() == 2);
  CHECK(sink.errors[0].record == 2);
  CHECK_FALSE(sink.errors[0].ref);
  CHECK(sink.errors[1].record == 4);
  CHECK(sink.errors[1].ref == "BAD-1");
  CHECK(sink.errors[1].path == "/vendor/corporate_number");
  CHECK(sink.errors[1].source == "-");
}

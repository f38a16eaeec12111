#include "itaku/service/review_service.hpp"

#include <algorithm>

#include "itaku/domain/engagement_json.hpp"
#include "itaku/domain/verification.hpp"
#include "rules/core_rules.hpp"
#include "service/ordered_pipeline.hpp"
#include "service/refs_once.hpp"

namespace itaku {
namespace {

Finding plugin_failure(const std::string& plugin, const std::string& what) {
  return Finding{kPluginErrorFindingId, Severity::kCritical, plugin,
                 {"評価プラグイン「" + plugin + "」がエラーで停止したため、この記録は評価されていません: " + what,
                  "Plugin '" + plugin + "' failed, so this record was not assessed: " + what}};
}

bool has_finding(const std::vector<Finding>& findings, const std::string& id) {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.id == id; });
}

}  // namespace

Result<ReviewService> ReviewService::create(const PluginHost& plugins) { return ReviewService(plugins); }

const RecordValidator& ReviewService::validator() const {
  if (!validator_) {
    auto compiled = RecordValidator::create(*plugins_);
    if (!compiled) throw Error(compiled.status());
    validator_ = std::move(compiled).value();
  }
  return *validator_;
}

ReviewResult ReviewService::review(const Engagement& engagement, Date as_of) const {
  ReviewResult result;
  result.ref = engagement.ref;
  result.kind = engagement.kind;
  result.title = engagement.title;
  result.department = engagement.department;
  result.tier = tier_of(engagement);
  result.verification = verification_state(engagement, as_of);
  if (engagement.vendor) result.vendor = reviewed_vendor(*engagement.vendor, as_of);
  result.ledger = engagement.ledger;
  result.findings = detail::assess_core_rules(engagement, as_of, result.tier, result.verification);

  if (const LoadedPlugin* loaded = plugins_->for_kind(engagement.kind)) {
    const std::string& name = loaded->description().name;
    try {
      plugin::AssessmentContext context{engagement, as_of, result.tier, result.verification};
      for (auto& finding : loaded->plugin().assess(context)) {
        if (has_finding(result.findings, finding.id)) continue;  // one finding per ID, whatever the plugin does
        finding.plugin = name;
        result.findings.push_back(std::move(finding));
      }
    } catch (const std::exception& error) {
      result.findings.push_back(plugin_failure(name, error.what()));
    } catch (...) {
      result.findings.push_back(plugin_failure(name, "unknown exception"));
    }
  } else {
    result.findings.push_back(plugin_failure(engagement.kind, "no plugin is loaded for this kind"));
  }
  result.risk_level = risk_level(result.findings);
  result.decision = decide(result.findings);
  return result;
}

detail::RecordOutcome ReviewService::review_record(SourceRecord& record, const std::string& source_name,
                                                  const RecordValidator& validator, Date as_of) const {
  detail::RecordOutcome outcome = detail::check_record(record, source_name, validator);
  if (!outcome.engagement) return outcome;
  try {
    outcome.result = review(*outcome.engagement, as_of);
    outcome.result->record = record.number;
  } catch (const std::exception& error) {
    // A record must never take the batch down: report it, go on, and let the exit code say
    // that Itaku (not the input) failed.
    outcome.result.reset();
    outcome.internal_error = true;
    outcome.errors.push_back(RecordError{record.number, std::nullopt, "",
                                         std::string("internal error while reviewing this record: ") + error.what(),
                                         source_name,
                                         std::string("この記録の審査中に Itaku の内部エラーが起きました: ") + error.what()});
  }
  outcome.engagement.reset();  // the review is what goes on; the converted record is not needed
  return outcome;
}

ReviewSummary ReviewService::review_all(const std::vector<std::unique_ptr<RecordSource>>& sources, ReportSink& sink,
                                        Date as_of, const RunOptions& options) const {
  ReviewSummary summary;
  summary.as_of = as_of;
  sink.begin(as_of);
  constexpr std::size_t kProgressEvery = 5000;
  std::size_t next_progress = kProgressEvery;

  // The writing side: counts and forwards outcomes in input order. A ref seen before in this
  // review makes the record invalid, as it would in an import (refs_once.hpp).
  detail::RefsOnce refs_once("審査", "review");
  auto write = [&](detail::RecordOutcome& outcome) {
    if (refs_once.check(outcome)) outcome.result.reset();
    if (outcome.result) {
      summary.count_result(outcome.result->decision);
      sink.add_result(*outcome.result);
    } else {
      summary.count_invalid(outcome.internal_error);
      for (const auto& error : outcome.errors) sink.add_error(error);
    }
    if (options.progress && summary.records >= next_progress) {
      options.progress(summary.records);
      next_progress += kProgressEvery;
    }
  };

  detail::OrderedPipeline pipeline(
      std::max(1u, options.jobs),
      [this, as_of](detail::PipelineBatch& batch, const RecordValidator& validator) {
        batch.outcomes.reserve(batch.records.size());
        for (auto& record : batch.records) {
          batch.outcomes.push_back(review_record(record, *batch.source_name, validator, as_of));
        }
        batch.records.clear();
      },
      [this]() { return RecordValidator::create(*plugins_); }, validator(), write);

  // A source that fails as a whole ends there; the failure is reported like an invalid record,
  // in order, and the next source is still reviewed.
  detail::add_sources(pipeline, sources, options.jobs);
  pipeline.finish();
  sink.finish(summary);
  if (options.progress) options.progress(summary.records);
  return summary;
}

}  // namespace itaku

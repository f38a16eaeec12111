#include "itaku/service/review_service.hpp"

#include <set>

#include "itaku/domain/engagement_json.hpp"
#include "itaku/domain/verification.hpp"
#include "rules/core_rules.hpp"

namespace itaku {
namespace {

Finding plugin_failure(const std::string& plugin, const std::string& what) {
  return Finding{kPluginErrorFindingId, Severity::kCritical, plugin,
                 {"評価プラグイン「" + plugin + "」がエラーで停止したため、この記録は評価されていません: " + what,
                  "Plugin '" + plugin + "' failed, so this record was not assessed: " + what}};
}

std::optional<std::string> readable_ref(const nlohmann::json& record) {
  if (!record.is_object()) return std::nullopt;
  auto ref = record.find("ref");
  if (ref == record.end() || !ref->is_string()) return std::nullopt;
  return ref->get<std::string>();
}

}  // namespace

Result<ReviewService> ReviewService::create(const PluginHost& plugins) {
  auto validator = RecordValidator::create(plugins);
  if (!validator) return validator.status();
  return ReviewService(plugins, std::move(validator).value());
}

ReviewResult ReviewService::review(const Engagement& engagement, Date as_of) const {
  ReviewResult result;
  result.ref = engagement.ref;
  result.kind = engagement.kind;
  result.title = engagement.title;
  result.department = engagement.department;
  result.tier = tier_of(engagement);
  result.verification = verification_state(engagement, as_of);
  result.findings = detail::assess_core_rules(engagement, as_of, result.verification);

  if (const LoadedPlugin* loaded = plugins_->for_kind(engagement.kind)) {
    const std::string& name = loaded->description().name;
    try {
      plugin::AssessmentContext context{engagement, as_of, result.tier, result.verification};
      std::set<std::string> seen;
      for (const auto& finding : result.findings) seen.insert(finding.id);
      for (auto& finding : loaded->plugin().assess(context)) {
        if (!seen.insert(finding.id).second) continue;  // one finding per ID, whatever the plugin does
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

ReviewSummary ReviewService::review_all(const std::vector<std::unique_ptr<RecordSource>>& sources, ReportSink& sink,
                                        Date as_of, const Progress& progress) const {
  ReviewSummary summary;
  summary.as_of = as_of;
  sink.begin(as_of);
  constexpr std::size_t kProgressEvery = 10000;
  for (const auto& source : sources) {
    std::size_t last_number = 0;
    // A source that fails as a whole (I/O error, a JSON file that is not an array) ends there; the
    // failure is reported like an invalid record and the next source is still reviewed.
    auto next_record = [&]() -> std::optional<SourceRecord> {
      try {
        return source->next();
      } catch (const Error& error) {
        ++summary.invalid;
        sink.add_error(RecordError{last_number + 1, std::nullopt, error.status().path(), error.status().message(),
                                   source->name()});
        return std::nullopt;
      }
    };
    while (auto record = next_record()) {
      last_number = record->number;
      ++summary.records;
      auto report_error = [&](std::optional<std::string> ref, std::string path, std::string message) {
        sink.add_error(RecordError{record->number, std::move(ref), std::move(path), std::move(message), source->name()});
      };
      if (!record->json) {
        ++summary.invalid;
        report_error(std::nullopt, record->json.status().path(), record->json.status().message());
      } else if (auto issues = validator_.validate(*record->json); !issues.empty()) {
        ++summary.invalid;
        const auto ref = readable_ref(*record->json);
        for (auto& issue : issues) report_error(ref, std::move(issue.path), std::move(issue.message));
      } else {
        ReviewResult result = review(engagement_from_json(*record->json), as_of);
        result.record = record->number;
        ++summary.reviewed;
        switch (result.decision) {
          case Decision::kApprove: ++summary.approve; break;
          case Decision::kConditional: ++summary.conditional; break;
          case Decision::kReject: ++summary.reject; break;
        }
        sink.add_result(result);
      }
      if (progress && summary.records % kProgressEvery == 0) progress(summary.records);
    }
  }
  sink.finish(summary);
  if (progress) progress(summary.records);
  return summary;
}

}  // namespace itaku

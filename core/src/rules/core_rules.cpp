#include "rules/core_rules.hpp"

#include <string_view>

#include "itaku/catalogue/requirement.hpp"
#include "itaku/error.hpp"
#include "itaku/plugin/api.hpp"

namespace itaku::detail {
namespace {

const Requirement& core_requirement(std::string_view id) {
  for (const auto& requirement : core_catalogue()) {
    if (requirement.id == id) return requirement;
  }
  throw Error(ErrorCode::kInternal, "core catalogue has no requirement " + std::string(id));
}

void add(std::vector<Finding>& findings, std::string_view id, const LocalizedText& detail = {}) {
  const Requirement& requirement = core_requirement(id);
  findings.push_back(plugin::make_finding(requirement, requirement.severity_for_tier(1), "core", detail));
}

}  // namespace

std::vector<Finding> assess_core_rules(const Engagement& engagement, Date as_of, const VerificationState& verification) {
  std::vector<Finding> findings;
  const bool terminated = engagement.status == EngagementStatus::kTerminated;

  if (!engagement.responsible_person) {
    add(findings, "GEN-01", {"責任者の記載なし", "none named"});
  } else if (!engagement.responsible_person->active) {
    add(findings, "GEN-01",
        {engagement.responsible_person->name + " は無効", engagement.responsible_person->name + " is inactive"});
  }

  if (!terminated) {
    if (verification.status == VerificationStatus::kFailed) {
      add(findings, "GEN-02", {"前回の確認が不合格", "last verification failed"});
    } else if (verification.status == VerificationStatus::kOverdue) {
      const std::string due = verification.next_due.to_string();
      add(findings, "GEN-02", {"期限 " + due, "was due " + due});
    }
  }

  if (engagement.information.my_number && engagement.network_zone != NetworkZone::kMyNumber) {
    add(findings, "GEN-03");
  }

  if (engagement.period.end && *engagement.period.end < as_of && !terminated) {
    const std::string end = engagement.period.end->to_string();
    add(findings, "GEN-04", {"終了日 " + end, "ended " + end});
  }
  return findings;
}

}  // namespace itaku::detail

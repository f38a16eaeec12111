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

void add_finding(std::vector<Finding>& findings, std::string_view id, int tier, const LocalizedText& detail) {
  const Requirement& requirement = core_requirement(id);
  findings.push_back(plugin::make_finding(requirement, requirement.severity_for_tier(tier), "core", detail));
}

// A finding whose catalogue title covers several cases gets the message of the case at hand.
void add_specific_finding(std::vector<Finding>& findings, std::string_view id, int tier, LocalizedText message) {
  const Requirement& requirement = core_requirement(id);
  findings.push_back(Finding{requirement.id, requirement.severity_for_tier(tier), "core", std::move(message)});
}

}  // namespace

std::vector<Finding> assess_core_rules(const Engagement& engagement, Date as_of, int tier,
                                       const VerificationState& verification) {
  std::vector<Finding> findings;
  auto add = [&](std::string_view id, const LocalizedText& detail = {}) { add_finding(findings, id, tier, detail); };
  auto add_specific = [&](std::string_view id, LocalizedText message) {
    add_specific_finding(findings, id, tier, std::move(message));
  };
  const bool terminated = engagement.status == EngagementStatus::kTerminated;

  if (!engagement.responsible_person) {
    add_specific("GEN-01", {"責任者が指名されていません。責任者を指名してください",
                                      "No responsible person is named: name one"});
  } else if (!engagement.responsible_person->is_active()) {
    const std::string& name = engagement.responsible_person->name;
    add_specific("GEN-01", {"責任者（" + name + "）が無効（異動・退職等）になっています。後任を指名してください",
                                      "The responsible person (" + name + ") is inactive (transfer or retirement): name a successor"});
  }

  if (!terminated) {
    if (verification.status == VerificationStatus::kFailed) {
      add_specific("GEN-02", {"前回の定期的な確認が不合格です。契約に基づく是正措置と再確認を行ってください",
                                        "The last periodic verification failed: act under the contract and verify again"});
    } else if (verification.status == VerificationStatus::kOverdue) {
      const std::string due = verification.next_due.to_string();
      add_specific("GEN-02", {"定期的な確認（遵守状況の確認）の期限（" + due + "）を過ぎています",
                                        "Periodic verification is overdue (it was due on " + due + ")"});
    }
  }

  if (engagement.information.my_number && engagement.network_zone != NetworkZone::kMyNumber) {
    add("GEN-03");
  }

  if (engagement.period.end && *engagement.period.end < as_of && !terminated) {
    const std::string end = engagement.period.end->to_string();
    add("GEN-04", {"終了日 " + end, "ended " + end});
  }
  return findings;
}

}  // namespace itaku::detail

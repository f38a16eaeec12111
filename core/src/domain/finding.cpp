// Names, labels and the decision rule of docs/review.md section 3.
#include "itaku/domain/finding.hpp"

#include <algorithm>

namespace itaku {

std::string_view severity_name(Severity severity) noexcept {
  switch (severity) {
    case Severity::kCritical: return "critical";
    case Severity::kHigh: return "high";
    case Severity::kMedium: return "medium";
    case Severity::kLow: return "low";
  }
  return "low";
}

std::optional<Severity> parse_severity(std::string_view name) noexcept {
  for (Severity severity : {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow}) {
    if (severity_name(severity) == name) return severity;
  }
  return std::nullopt;
}

std::string_view decision_name(Decision decision) noexcept {
  switch (decision) {
    case Decision::kApprove: return "approve";
    case Decision::kConditional: return "conditional";
    case Decision::kReject: return "reject";
  }
  return "reject";
}

std::optional<Decision> parse_decision(std::string_view name) noexcept {
  for (Decision decision : {Decision::kApprove, Decision::kConditional, Decision::kReject}) {
    if (decision_name(decision) == name) return decision;
  }
  return std::nullopt;
}

LocalizedText severity_label(Severity severity) {
  switch (severity) {
    case Severity::kCritical: return {"重大", "Critical"};
    case Severity::kHigh: return {"高", "High"};
    case Severity::kMedium: return {"中", "Medium"};
    case Severity::kLow: return {"低", "Low"};
  }
  return {"低", "Low"};
}

LocalizedText decision_label(Decision decision) {
  switch (decision) {
    case Decision::kApprove: return {"承認", "Approve"};
    case Decision::kConditional: return {"条件付き承認", "Conditional approval"};
    case Decision::kReject: return {"却下", "Reject"};
  }
  return {"却下", "Reject"};
}

std::optional<Severity> risk_level(const std::vector<Finding>& findings) noexcept {
  std::optional<Severity> highest;
  for (const auto& finding : findings) {
    if (!highest || finding.severity > *highest) highest = finding.severity;
  }
  return highest;
}

Decision decide(const std::vector<Finding>& findings) noexcept {
  const std::optional<Severity> highest = risk_level(findings);
  if (!highest || *highest == Severity::kLow) return Decision::kApprove;
  return *highest == Severity::kCritical ? Decision::kReject : Decision::kConditional;
}

}  // namespace itaku

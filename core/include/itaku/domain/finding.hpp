// Findings and the decision derived from them (docs/review.md sections 2 and 3).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace itaku {

// Ordered: a larger value is more severe.
enum class Severity { kLow = 1, kMedium = 2, kHigh = 3, kCritical = 4 };
enum class Decision { kApprove, kConditional, kReject };

// Every user-facing text is carried in Japanese (first) and English.
struct LocalizedText {
  std::string ja;
  std::string en;
  const std::string& in(std::string_view lang) const { return lang == "en" ? en : ja; }
  friend bool operator==(const LocalizedText&, const LocalizedText&) = default;
};

struct Finding {
  std::string id;      // requirement ID, e.g. "OUT-09"
  Severity severity = Severity::kLow;
  std::string plugin;  // "core" or the plugin name
  LocalizedText message;
};

std::string_view severity_name(Severity severity) noexcept;           // "critical", ...
std::optional<Severity> parse_severity(std::string_view name) noexcept;
std::string_view decision_name(Decision decision) noexcept;           // "approve", ...
std::optional<Decision> parse_decision(std::string_view name) noexcept;
LocalizedText severity_label(Severity severity);                      // 重大 / critical ...
LocalizedText decision_label(Decision decision);                      // 承認 / approve ...

// Highest severity among the findings; nullopt ("none") when there are none.
std::optional<Severity> risk_level(const std::vector<Finding>& findings) noexcept;
// reject if any critical; conditional if any high or medium; approve otherwise.
Decision decide(const std::vector<Finding>& findings) noexcept;

}  // namespace itaku

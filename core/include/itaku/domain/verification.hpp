// Derived values of docs/review.md section 1: tier, verification interval and status.
#pragma once

#include <optional>

#include <string_view>

#include "itaku/domain/date.hpp"
#include "itaku/domain/engagement.hpp"

namespace itaku {

enum class VerificationStatus { kVerified, kDueSoon, kUnverified, kOverdue, kFailed };

std::string_view verification_status_name(VerificationStatus status) noexcept;
// The status in the words of the reports: {"期限超過", "Overdue"}.
struct VerificationStatusWords {
  std::string_view ja;
  std::string_view en;
};
VerificationStatusWords verification_status_words(VerificationStatus status) noexcept;
std::optional<VerificationStatus> parse_verification_status(std::string_view name) noexcept;

struct VerificationState {
  VerificationStatus status = VerificationStatus::kUnverified;
  Date next_due;
  int interval_months = 0;
};

// 1 (My Number / 機密性3), 2 (機密性2 or personal data) or 3.
int tier_of(const Engagement& engagement) noexcept;
// verification_interval_months if set, else 6 / 12 / 24 months by tier.
int verification_interval_months(const Engagement& engagement) noexcept;
// Status and next due date on `as_of`; the latest verification wins, the last listed on ties;
// voided verifications and those dated after `as_of` do not count.
VerificationState verification_state(const Engagement& engagement, Date as_of);

}  // namespace itaku

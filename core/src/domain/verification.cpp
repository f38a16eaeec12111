#include "itaku/domain/verification.hpp"

namespace itaku {

std::string_view verification_status_name(VerificationStatus status) noexcept {
  switch (status) {
    case VerificationStatus::kVerified: return "verified";
    case VerificationStatus::kDueSoon: return "due_soon";
    case VerificationStatus::kUnverified: return "unverified";
    case VerificationStatus::kOverdue: return "overdue";
    case VerificationStatus::kFailed: return "failed";
  }
  return "unverified";
}

VerificationStatusWords verification_status_words(VerificationStatus status) noexcept {
  switch (status) {
    case VerificationStatus::kVerified: return {"確認済み", "Verified"};
    case VerificationStatus::kDueSoon: return {"期限間近", "Due soon"};
    case VerificationStatus::kUnverified: return {"未確認", "Not yet verified"};
    case VerificationStatus::kOverdue: return {"期限超過", "Overdue"};
    case VerificationStatus::kFailed: return {"不適合", "Failed"};
  }
  return {"未確認", "Not yet verified"};
}

std::optional<VerificationStatus> parse_verification_status(std::string_view name) noexcept {
  for (VerificationStatus status : {VerificationStatus::kVerified, VerificationStatus::kDueSoon,
                                    VerificationStatus::kUnverified, VerificationStatus::kOverdue,
                                    VerificationStatus::kFailed}) {
    if (verification_status_name(status) == name) return status;
  }
  return std::nullopt;
}

int tier_of(const Engagement& engagement) noexcept {
  const auto& info = engagement.information;
  if (info.confidentiality >= 3 || info.my_number || engagement.network_zone == NetworkZone::kMyNumber) return 1;
  if (info.confidentiality == 2 || info.personal_data) return 2;
  return 3;
}

int verification_interval_months(const Engagement& engagement) noexcept {
  if (engagement.verification_interval_months) return *engagement.verification_interval_months;
  switch (tier_of(engagement)) {
    case 1: return 6;
    case 2: return 12;
    default: return 24;
  }
}

VerificationState verification_state(const Engagement& engagement, Date as_of) {
  VerificationState state;
  state.interval_months = verification_interval_months(engagement);

  const Verification* last = nullptr;
  for (const auto& verification : engagement.verifications) {
    if (!verification.counts()) continue;
    // A verification after the review date had not happened yet on it: a review as of a past
    // date gives the result it gave then, whatever was recorded since (docs/review.md).
    if (verification.date > as_of) continue;
    // ">=" so that, among verifications sharing the latest date, the last listed wins.
    if (!last || verification.date >= last->date) last = &verification;
  }
  if (last && last->result == VerificationResult::kFail) {
    state.status = VerificationStatus::kFailed;
    state.next_due = as_of;  // remediation is due now
    return state;
  }
  state.next_due = (last ? last->date : engagement.period.start).add_months(state.interval_months);
  if (state.next_due < as_of) {
    state.status = VerificationStatus::kOverdue;
  } else if (!last) {
    state.status = VerificationStatus::kUnverified;
  } else if (state.next_due <= as_of.add_days(30)) {
    state.status = VerificationStatus::kDueSoon;
  } else {
    state.status = VerificationStatus::kVerified;
  }
  return state;
}

}  // namespace itaku

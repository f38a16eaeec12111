// GEN-01..GEN-04: the rules every engagement is checked against, whatever its kind.
#pragma once

#include <vector>

#include "itaku/domain/engagement.hpp"
#include "itaku/domain/finding.hpp"
#include "itaku/domain/verification.hpp"

namespace itaku::detail {

// Findings in catalogue order, plugin "core".
std::vector<Finding> assess_core_rules(const Engagement& engagement, Date as_of, int tier,
                                       const VerificationState& verification);

}  // namespace itaku::detail

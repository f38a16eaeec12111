// A requirement catalogue: what a plugin (or core) checks, in the words reports use.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "itaku/domain/finding.hpp"

namespace itaku {

struct Requirement {
  std::string id;        // "OUT-02"
  LocalizedText title;   // what the requirement asks for
  // Severity of a finding for tier 1, 2 and 3 (index 0, 1, 2).
  std::array<Severity, 3> severity_by_tier{Severity::kLow, Severity::kLow, Severity::kLow};
  // True when the requirement is a contract clause that records list in `clauses`.
  bool contract_clause = false;
  // When the requirement is checked at all (empty: always for the plugin's kinds).
  LocalizedText applies_when;
  // Where the requirement comes from: the item of the MIC guideline for local governments (or of
  // the city's basic policy) that asks for it, as docs/rules.md lists it.
  LocalizedText basis{};

  Severity severity_for_tier(int tier) const { return severity_by_tier.at(static_cast<size_t>(tier - 1)); }
};

using Catalogue = std::vector<Requirement>;

// GEN-01..GEN-04, checked by core for every kind.
const Catalogue& core_catalogue();

}  // namespace itaku

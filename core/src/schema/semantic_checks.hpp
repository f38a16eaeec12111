// The rules JSON Schema cannot express, run on a record after (and regardless of) the schema.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "itaku/schema/record_validator.hpp"

namespace itaku::detail {

struct ClauseCatalogue {
  std::set<std::string> clause_ids;       // requirements that are contract clauses
  std::set<std::string> requirement_ids;  // every requirement known to the loaded catalogues
};

// Appends issues for: 法人番号 check digit, real calendar dates, period end >= start, clause IDs
// that are contract clauses of the loaded catalogues. Only looks at values of the right type
// (wrong types are the schema's to report).
void check_semantics(const nlohmann::json& record, const ClauseCatalogue& clauses, std::vector<ValidationIssue>& issues);

}  // namespace itaku::detail

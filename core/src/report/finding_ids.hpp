// Finding IDs written compactly for a report row: OUT-02, OUT-03, OUT-04 → OUT-02〜04.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "itaku/domain/finding.hpp"

namespace itaku::detail {

// Joins `ids` with ", " and writes a run of consecutive numbers under one prefix as a range:
// {GEN-01, GEN-02, OUT-01, OUT-02, OUT-03, OUT-07} → "GEN-01〜02, OUT-01〜03, OUT-07" with
// `range_mark` "〜". IDs keep the given order; an ID without a trailing number stands alone.
std::string compact_ids(const std::vector<std::string_view>& ids, std::string_view range_mark);

// A record's finding IDs by severity, most severe first: {高, "GEN-01〜02, OUT-01"}, {中, …}.
struct IdsOfSeverity {
  Severity severity;
  std::string ids;
};
std::vector<IdsOfSeverity> ids_by_severity(const std::vector<Finding>& findings, std::string_view range_mark);

}  // namespace itaku::detail

#include "service/refs_once.hpp"

#include <optional>

namespace itaku::detail {

bool RefsOnce::check(RecordOutcome& outcome) {
  const std::optional<std::string> ref = outcome.engagement ? std::optional(outcome.engagement->ref)
                                         : outcome.result   ? std::optional(outcome.result->ref)
                                         : outcome.errors.empty() ? std::nullopt
                                                                  : outcome.errors.front().ref;
  if (!ref || !outcome.source_name) return false;
  const auto [seen, inserted] = first_seen_.try_emplace(*ref, Place{outcome.source_name, outcome.record_number});
  if (inserted) return false;
  const std::string first = *seen->second.source + " record " + std::to_string(seen->second.record);
  outcome.errors.push_back({outcome.record_number, ref, "/ref",
                            "the ref '" + *ref + "' appears again in this " + run_en_ + " (first at " + first +
                                "); each engagement must appear once",
                            *outcome.source_name,
                            "参照番号「" + *ref + "」がこの" + run_ja_ + "に 2 回あります（最初は " + first +
                                "）。1 件の契約は 1 回だけにしてください"});
  return true;
}

}  // namespace itaku::detail

// Writing one engagement's row and its children. The row and the clause list are current state
// and are rewritten; verifications, their voids and clause evidence are history and are only
// ever appended (core/src/domain/engagement_history.hpp says what is new).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "itaku/domain/engagement.hpp"
#include "registry/prepared_writes.hpp"

namespace itaku::detail {

class EngagementWriter {
 public:
  EngagementWriter(soci::session& sql, PreparedWrites& prepared) : sql_(sql), prepared_(prepared) {}

  // Inserts the row (id nullopt) or updates row `id`; `vendor` and `person` are row ids, 0 for
  // none. Returns the row id.
  long long write_row(std::optional<long long> id, const Engagement& e, long long vendor, long long person);
  // `replacing`: the engagement had clauses stored before.
  void write_clauses(long long id, const std::vector<std::string>& clauses, bool replacing);
  // `first_position`: the number of entries already stored.
  void append_clause_evidence(long long id, std::size_t first_position, const std::vector<ClauseEvidence>& evidence);
  void append_verifications(long long id, std::size_t first_position, const std::vector<Verification>& verifications);
  void insert_void(long long engagement_id, long long position, const VerificationVoid& void_entry);

 private:
  soci::session& sql_;
  PreparedWrites& prepared_;
};

}  // namespace itaku::detail

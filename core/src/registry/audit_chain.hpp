// The audit trail's hash chain as one write transaction extends it. Each entry's hash covers the
// previous entry's hash (audit_entry_hash); audit_head, written once per transaction, records
// how long the trail is and where it ends, so a trail cut short is noticed
// (core/src/registry/UNIT_OF_WORK.md).
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "itaku/registry/registry.hpp"

namespace itaku::detail {

class AuditChain {
 public:
  // Fills entry.prev_hash and entry.hash. The first link of a transaction reads the trail's last
  // hash; the caller holds the trail's lock since BEGIN, so two transactions never extend one entry.
  void link(soci::session& sql, AuditEntry& entry);
  // The row id the last linked entry was stored under.
  void stored_as(long long id) { last_id_ = id; }
  // Moves audit_head past what this transaction appended; a no-op when it appended nothing.
  // Called once, just before COMMIT: updating one row per append made PostgreSQL walk an ever
  // longer chain of row versions inside one long import.
  void write_head(soci::session& sql) const;

 private:
  std::optional<std::string> last_hash_;
  long long appended_ = 0;
  long long last_id_ = 0;
};

// At most `limit` entries with ids above `after_id`, in order; only those for `entity_key` when given.
std::vector<AuditEntry> read_audit_page(soci::session& sql, const std::optional<std::string>& entity_key,
                                        long long after_id, std::size_t limit);

}  // namespace itaku::detail

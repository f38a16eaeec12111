// Set-based writes for stores where every statement is a network round trip (PostgreSQL):
// a batch of rows travels as one JSON text parameter and is expanded by jsonb_to_recordset, so
// one statement writes what would otherwise take one round trip per row. Values are bound, never
// spliced into SQL.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "itaku/domain/engagement.hpp"
#include "itaku/registry/registry.hpp"

namespace soci {
class session;
}

namespace itaku::detail {

// An engagement about to be inserted, with the ids of its already written vendor and person
// (0 for none).
struct NewEngagementRow {
  const Engagement* engagement = nullptr;
  long long vendor_id = 0;
  long long person_id = 0;
};

// The refs among `batch` that the engagements table already holds.
std::set<std::string> stored_refs_in_bulk(soci::session& sql, const std::vector<Engagement>& batch);

// Inserts the engagements with their clauses, clause evidence and verifications, stamped
// created/updated at `now`; returns each new row id by ref.
std::map<std::string, long long> insert_engagements_in_bulk(soci::session& sql, const std::vector<NewEngagementRow>& rows,
                                                            const std::string& now);

struct CertificationRow {
  long long vendor_id = 0;
  std::string scheme;
  std::string number;  // "" for none
  std::string valid_until;
};

// Inserts new vendor certifications and renews stored ones (same vendor, scheme and number).
void write_certifications_in_bulk(soci::session& sql, const std::vector<CertificationRow>& inserts,
                                  const std::vector<CertificationRow>& renewals);

// Inserts audit entries whose hashes are already chained; ids are drawn from the table's
// sequence in entry order (the caller holds the trail's lock) and filled in.
void insert_audit_entries_in_bulk(soci::session& sql, std::vector<AuditEntry>& entries);

}  // namespace itaku::detail

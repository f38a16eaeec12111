#include "registry/engagement_reader.hpp"

#include <algorithm>
#include <map>

#include "itaku/domain/engagement_json.hpp"

namespace itaku::detail {
namespace {

// The distinct keys of a map keyed by row id, in order.
template <typename Map>
std::vector<long long> distinct_ids(const Map& ids) {
  std::vector<long long> distinct;
  for (const auto& entry : ids) {
    if (distinct.empty() || distinct.back() != entry.first) distinct.push_back(entry.first);
  }
  return distinct;
}

}  // namespace

std::string Selection::where() const {
  std::string clause = " WHERE 1 = 1";
  if (ref) clause += " AND e.ref = :ref";
  if (after) clause += " AND e.ref > :after";
  if (filter.kind) clause += " AND e.kind = :kind";
  if (filter.department) clause += " AND e.department = :department";
  return clause;
}

void Selection::bind(soci::details::prepare_temp_type& statement) const {
  if (ref) statement, soci::use(*ref, "ref");
  if (after) statement, soci::use(*after, "after");
  if (filter.kind) statement, soci::use(*filter.kind, "kind");
  if (filter.department) statement, soci::use(*filter.department, "department");
}

std::vector<LoadedEngagement> load_engagements(soci::session& sql, const SqlDialect& dialect, const Selection& selection,
                                               int limit) {
  std::vector<LoadedEngagement> page;
  {
    std::string query = std::string(kEngagementColumns) + selection.where() + " ORDER BY e.ref";
    if (limit > 0) query += " LIMIT " + std::to_string(limit);
    auto statement = (sql.prepare << query);
    selection.bind(statement);
    soci::rowset<soci::row> rows = statement;
    for (const auto& row : rows) page.push_back(engagement_from_row(row));
  }
  if (page.empty()) return page;

  // Children of the whole page in four queries, not four per engagement, each selected by the
  // page's row ids (an index lookup on either backend, whatever the planner knows).
  std::map<long long, Engagement*> by_id;
  std::multimap<long long, Vendor*> by_vendor;
  for (auto& loaded : page) {
    by_id[loaded.id] = &loaded.engagement;
    if (loaded.vendor_id) by_vendor.emplace(*loaded.vendor_id, &*loaded.engagement.vendor);
  }
  const std::string engagement_ids = dialect.id_list(distinct_ids(by_id));
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT engagement_id, clause_id FROM engagement_clauses WHERE " +
                            dialect.in_id_list("engagement_id") + " ORDER BY engagement_id, position",
         soci::use(engagement_ids, "ids"));
    for (const auto& row : rows) {
      if (auto it = by_id.find(integer_at(row, 0)); it != by_id.end()) it->second->clauses.push_back(row.get<std::string>(1));
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT v.engagement_id, v.verified_on, v.result, v.verifier, v.notes, w.voided_at,"
                            " w.voided_by, w.reason FROM verifications v LEFT JOIN verification_voids w"
                            " ON w.engagement_id = v.engagement_id AND w.position = v.position WHERE " +
                            dialect.in_id_list("v.engagement_id") + " ORDER BY v.engagement_id, v.position",
         soci::use(engagement_ids, "ids"));
    for (const auto& row : rows) {
      auto it = by_id.find(integer_at(row, 0));
      if (it == by_id.end()) continue;
      Verification verification;
      verification.date = stored_date(row.get<std::string>(1), "a verification of " + it->second->ref);
      verification.result =
          stored_word(parse_verification_result(row.get<std::string>(2)), "a verification of " + it->second->ref);
      verification.verifier = optional_text(row, 3);
      verification.notes = optional_text(row, 4);
      if (const auto at = optional_text(row, 5)) {
        verification.voided = VerificationVoid{*at, optional_text(row, 6).value_or(""), optional_text(row, 7).value_or("")};
      }
      it->second->verifications.push_back(std::move(verification));
    }
  }
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT engagement_id, clause_id, note FROM clause_evidence WHERE " +
                            dialect.in_id_list("engagement_id") + " ORDER BY engagement_id, position",
         soci::use(engagement_ids, "ids"));
    for (const auto& row : rows) {
      if (auto it = by_id.find(integer_at(row, 0)); it != by_id.end()) {
        it->second->clause_evidence.push_back({row.get<std::string>(1), row.get<std::string>(2)});
      }
    }
  }
  if (!by_vendor.empty()) {
    const std::string vendor_ids = dialect.id_list(distinct_ids(by_vendor));
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT vendor_id, scheme, number, valid_until FROM vendor_certifications WHERE " +
                            dialect.in_id_list("vendor_id") + " ORDER BY vendor_id, id",
         soci::use(vendor_ids, "ids"));
    for (const auto& row : rows) {
      const auto range = by_vendor.equal_range(integer_at(row, 0));
      for (auto it = range.first; it != range.second; ++it) {
        it->second->certifications.push_back(certification_from_row(row, 1, it->second->name));
      }
    }
  }
  return page;
}

std::vector<StoredVendor> load_vendors_page(soci::session& sql, const SqlDialect& dialect, long long after_id,
                                            std::size_t limit) {
  std::vector<StoredVendor> vendors;
  const long long rows_wanted = static_cast<long long>(std::max<std::size_t>(limit, 1));
  std::map<long long, std::size_t> position;
  {
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT v.id, v.name, v.corporate_number, v.country,"
                        " (SELECT COUNT(*) FROM engagements e WHERE e.vendor_id = v.id)"
                        " FROM vendors v WHERE v.id > :after ORDER BY v.id LIMIT :n",
         soci::use(after_id, "after"), soci::use(rows_wanted, "n"));
    for (const auto& row : rows) {
      StoredVendor stored;
      stored.id = integer_at(row, 0);
      stored.vendor = Vendor{row.get<std::string>(1), optional_text(row, 2), optional_text(row, 3), {}};
      stored.engagements = static_cast<std::size_t>(integer_at(row, 4));
      position[stored.id] = vendors.size();
      vendors.push_back(std::move(stored));
    }
  }
  if (vendors.empty()) return vendors;
  const std::string ids = dialect.id_list(distinct_ids(position));
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT vendor_id, scheme, number, valid_until FROM vendor_certifications WHERE " +
                          dialect.in_id_list("vendor_id") + " ORDER BY vendor_id, id",
       soci::use(ids, "ids"));
  for (const auto& row : rows) {
    StoredVendor& stored = vendors[position.at(integer_at(row, 0))];
    stored.vendor.certifications.push_back(certification_from_row(row, 1, stored.vendor.name));
  }
  return vendors;
}

}  // namespace itaku::detail

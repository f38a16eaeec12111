#include "registry/bulk_statements.hpp"

#include <soci/soci.h>

#include <nlohmann/json.hpp>

#include "itaku/domain/engagement_json.hpp"

namespace itaku::detail {
namespace {

using nlohmann::json;

template <typename T>
json or_null(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json flag_or_null(const std::optional<bool>& value) { return value ? json(*value ? 1 : 0) : json(nullptr); }

json id_or_null(long long id) { return id != 0 ? json(id) : json(nullptr); }

// Runs `sql_text` with the rows bound as its one parameter, :rows.
void execute_with_rows(soci::session& sql, const std::string& sql_text, const json& rows) {
  if (rows.empty()) return;
  const std::string text = rows.dump();
  sql << sql_text, soci::use(text, "rows");
}

json engagement_row(const NewEngagementRow& row, const std::string& now) {
  const Engagement& e = *row.engagement;
  const std::optional<Subcontracting>& sub = e.subcontracting;
  return json{
      {"ref", e.ref},
      {"kind", e.kind},
      {"title", e.title},
      {"department", e.department},
      {"status", engagement_status_name(e.status)},
      {"person", id_or_null(row.person_id)},
      {"vendor", id_or_null(row.vendor_id)},
      {"c", e.information.confidentiality},
      {"i", e.information.integrity},
      {"a", e.information.availability},
      {"pd", e.information.personal_data ? 1 : 0},
      {"mn", e.information.my_number ? 1 : 0},
      {"zone", e.network_zone ? json(network_zone_name(*e.network_zone)) : json(nullptr)},
      {"start", e.period.start.to_string()},
      {"end", e.period.end ? json(e.period.end->to_string()) : json(nullptr)},
      {"used", sub ? json(sub->used ? 1 : 0) : json(nullptr)},
      {"approved", sub ? flag_or_null(sub->approved) : json(nullptr)},
      {"flow", sub ? flag_or_null(sub->flow_down) : json(nullptr)},
      {"interval", or_null(e.verification_interval_months)},
      {"section", e.section.is_null() ? json(nullptr) : json(e.section.dump())},
      {"confirmed", e.termination ? json(e.termination->return_confirmed_on.to_string()) : json(nullptr)},
      {"tnote", e.termination ? or_null(e.termination->note) : json(nullptr)},
      {"ledger", e.ledger.empty() ? json(nullptr) : json(json(e.ledger).dump())},
      {"now", now},
  };
}

}  // namespace

std::set<std::string> stored_refs_in_bulk(soci::session& sql, const std::vector<Engagement>& batch) {
  json refs = json::array();
  for (const auto& engagement : batch) refs.push_back(engagement.ref);
  const std::string text = refs.dump();
  std::set<std::string> stored;
  soci::rowset<std::string> rows =
      (sql.prepare << "SELECT ref FROM engagements WHERE ref = ANY(ARRAY(SELECT jsonb_array_elements_text(CAST(:refs AS jsonb))))",
       soci::use(text, "refs"));
  for (const auto& ref : rows) stored.insert(ref);
  return stored;
}

std::map<std::string, long long> insert_engagements_in_bulk(soci::session& sql, const std::vector<NewEngagementRow>& rows,
                                                            const std::string& now) {
  std::map<std::string, long long> ids;
  if (rows.empty()) return ids;
  json engagements = json::array();
  for (const auto& row : rows) engagements.push_back(engagement_row(row, now));
  const std::string text = engagements.dump();
  soci::rowset<soci::row> inserted =
      (sql.prepare << "INSERT INTO engagements (ref, kind, title, department, status, responsible_person_id, vendor_id,"
                      " confidentiality, integrity, availability, personal_data, my_number, network_zone, period_start,"
                      " period_end, subcontracting_used, subcontracting_approved, subcontracting_flow_down,"
                      " verification_interval_months, section_json, return_confirmed_on, termination_note, ledger_json,"
                      " created_at, updated_at)"
                      " SELECT ref, kind, title, department, status, person, vendor, c, i, a, pd, mn, zone, start, \"end\","
                      " used, approved, flow, \"interval\", section, confirmed, tnote, ledger, now, now"
                      " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(ref text, kind text, title text,"
                      " department text, status text, person bigint, vendor bigint, c smallint, i smallint, a smallint,"
                      " pd smallint, mn smallint, zone text, start text, \"end\" text, used smallint, approved smallint,"
                      " flow smallint, \"interval\" smallint, section text, confirmed text, tnote text, ledger text,"
                      " now text)"
                      " RETURNING id, ref",
       soci::use(text, "rows"));
  for (const auto& row : inserted) ids[row.get<std::string>(1)] = row.get<long long>(0);

  json clauses = json::array();
  json evidence = json::array();
  json verifications = json::array();
  json voids = json::array();
  for (const auto& row : rows) {
    const Engagement& e = *row.engagement;
    const long long id = ids.at(e.ref);
    for (std::size_t i = 0; i < e.clauses.size(); ++i) clauses.push_back({{"id", id}, {"p", i}, {"c", e.clauses[i]}});
    for (std::size_t i = 0; i < e.clause_evidence.size(); ++i) {
      evidence.push_back({{"id", id}, {"p", i}, {"c", e.clause_evidence[i].clause}, {"n", e.clause_evidence[i].note}});
    }
    for (std::size_t i = 0; i < e.verifications.size(); ++i) {
      const Verification& v = e.verifications[i];
      verifications.push_back({{"id", id},
                               {"p", i},
                               {"d", v.date.to_string()},
                               {"r", verification_result_name(v.result)},
                               {"v", or_null(v.verifier)},
                               {"n", or_null(v.notes)}});
      if (v.voided) {
        voids.push_back({{"id", id}, {"p", i}, {"at", v.voided->at}, {"by", v.voided->by}, {"r", v.voided->reason}});
      }
    }
  }
  execute_with_rows(sql,
                    "INSERT INTO engagement_clauses (engagement_id, position, clause_id)"
                    " SELECT id, p, c FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(id bigint, p bigint, c text)",
                    clauses);
  execute_with_rows(sql,
                    "INSERT INTO clause_evidence (engagement_id, position, clause_id, note)"
                    " SELECT id, p, c, n FROM jsonb_to_recordset(CAST(:rows AS jsonb))"
                    " AS x(id bigint, p bigint, c text, n text)",
                    evidence);
  execute_with_rows(sql,
                    "INSERT INTO verifications (engagement_id, position, verified_on, result, verifier, notes)"
                    " SELECT id, p, d, r, v, n FROM jsonb_to_recordset(CAST(:rows AS jsonb))"
                    " AS x(id bigint, p bigint, d text, r text, v text, n text) ORDER BY id, p",
                    verifications);
  execute_with_rows(sql,
                    "INSERT INTO verification_voids (engagement_id, position, voided_at, voided_by, reason)"
                    " SELECT id, p, \"at\", \"by\", r FROM jsonb_to_recordset(CAST(:rows AS jsonb))"
                    " AS x(id bigint, p bigint, \"at\" text, \"by\" text, r text)",
                    voids);
  return ids;
}

void write_certifications_in_bulk(soci::session& sql, const std::vector<CertificationRow>& inserts,
                                  const std::vector<CertificationRow>& renewals) {
  auto rows_of = [](const std::vector<CertificationRow>& certifications) {
    json rows = json::array();
    for (const auto& c : certifications) rows.push_back({{"v", c.vendor_id}, {"s", c.scheme}, {"n", c.number}, {"u", c.valid_until}});
    return rows;
  };
  constexpr const char* kColumns = " AS x(v bigint, s text, n text, u text)";
  // In array order: a vendor's certifications are read back in row id order.
  execute_with_rows(sql,
                    "INSERT INTO vendor_certifications (vendor_id, scheme, number, valid_until)"
                    " SELECT v, s, n, u FROM ROWS FROM (jsonb_to_recordset(CAST(:rows AS jsonb))"
                    " AS (v bigint, s text, n text, u text)) WITH ORDINALITY AS x(v, s, n, u, o) ORDER BY o",
                    rows_of(inserts));
  execute_with_rows(sql,
                    std::string("UPDATE vendor_certifications c SET valid_until = x.u"
                                " FROM jsonb_to_recordset(CAST(:rows AS jsonb))") + kColumns +
                        " WHERE c.vendor_id = x.v AND c.scheme = x.s AND c.number = x.n",
                    rows_of(renewals));
}

void insert_audit_entries_in_bulk(soci::session& sql, std::vector<AuditEntry>& entries) {
  if (entries.empty()) return;
  std::vector<long long> ids(entries.size());
  const long long count = static_cast<long long>(entries.size());
  sql << "SELECT nextval(pg_get_serial_sequence('audit_log', 'id')) FROM generate_series(1, :n) AS n ORDER BY n",
      soci::use(count, "n"), soci::into(ids);
  if (ids.size() != entries.size()) {
    throw Error(ErrorCode::kInternal, "the audit trail's sequence gave " + std::to_string(ids.size()) + " ids for " +
                                          std::to_string(entries.size()) + " entries");
  }
  json rows = json::array();
  for (std::size_t i = 0; i < entries.size(); ++i) {
    AuditEntry& entry = entries[i];
    entry.id = ids[i];
    rows.push_back({{"id", entry.id},
                    {"at", entry.at},
                    {"actor", entry.actor},
                    {"action", entry.action},
                    {"entity", entry.entity},
                    {"key", entry.entity_key},
                    {"before", entry.before_json.empty() ? json(nullptr) : json(entry.before_json)},
                    {"after", entry.after_json.empty() ? json(nullptr) : json(entry.after_json)},
                    {"prev", entry.prev_hash},
                    {"hash", entry.hash}});
  }
  execute_with_rows(sql,
                    "INSERT INTO audit_log (id, at, actor, action, entity, entity_key, before_json, after_json,"
                    " prev_hash, hash)"
                    " SELECT id, at, actor, action, entity, \"key\", \"before\", \"after\", prev, hash"
                    " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(id bigint, at text, actor text, action text,"
                    " entity text, \"key\" text, \"before\" text, \"after\" text, prev text, hash text)",
                    rows);
}

}  // namespace itaku::detail

#include "registry/prepared_writes.hpp"

namespace itaku::detail {

PreparedWrites::PreparedWrites(soci::session& sql)
    : clause(sql), verification(sql), evidence(sql), ref_lookup(sql), engagement_insert(sql), audit_insert(sql) {
  prepare_row_inserts(sql);
  clause = (sql.prepare << "INSERT INTO engagement_clauses (engagement_id, clause_id, position) VALUES (:id, :c, :p)",
            soci::use(as_const(engagement_id)), soci::use(as_const(text_a)), soci::use(as_const(position)));
  verification = (sql.prepare << "INSERT INTO verifications (engagement_id, position, verified_on, result, verifier, notes)"
                                 " VALUES (:id, :p, :d, :r, :v, :n)",
                  soci::use(as_const(engagement_id)), soci::use(as_const(position)), soci::use(as_const(text_a)),
                  soci::use(as_const(text_b)), soci::use(text_c, indicator_c), soci::use(text_d, indicator_d));
  evidence = (sql.prepare << "INSERT INTO clause_evidence (engagement_id, position, clause_id, note) VALUES (:id, :p, :c, :n)",
              soci::use(as_const(engagement_id)), soci::use(as_const(position)), soci::use(as_const(text_a)),
              soci::use(as_const(text_b)));
  ref_lookup = (sql.prepare << "SELECT id FROM engagements WHERE ref = :ref", soci::use(as_const(ref)), soci::into(found_id));
}

void PreparedWrites::prepare_row_inserts(soci::session& sql) {
  engagement_insert = (sql.prepare << "INSERT INTO engagements (ref, kind, title, department, status,"
                                      " responsible_person_id, vendor_id, confidentiality, integrity, availability,"
                                      " personal_data, my_number, network_zone, period_start, period_end,"
                                      " subcontracting_used, subcontracting_approved, subcontracting_flow_down,"
                                      " verification_interval_months, section_json, return_confirmed_on,"
                                      " termination_note, ledger_json, created_at, updated_at)"
                                      " VALUES (:ref, :kind, :title, :department, :status, :person, :vendor, :c, :i,"
                                      " :a, :pd, :mn, :zone, :start, :end, :used, :approved, :flow, :interval,"
                                      " :section, :confirmed, :tnote, :ledger, :created, :updated) RETURNING id",
                       soci::use(as_const(row.ref)), soci::use(as_const(row.kind)), soci::use(as_const(row.title)),
                       soci::use(as_const(row.department)), soci::use(as_const(row.status)),
                       soci::use(row.person, row.person_indicator), soci::use(row.vendor, row.vendor_indicator),
                       soci::use(as_const(row.confidentiality)), soci::use(as_const(row.integrity)),
                       soci::use(as_const(row.availability)), soci::use(as_const(row.personal_data)),
                       soci::use(as_const(row.my_number)), soci::use(row.zone.value, row.zone.indicator),
                       soci::use(as_const(row.start)), soci::use(row.end.value, row.end.indicator),
                       soci::use(row.used.value, row.used.indicator),
                       soci::use(row.approved.value, row.approved.indicator),
                       soci::use(row.flow_down.value, row.flow_down.indicator),
                       soci::use(row.interval.value, row.interval.indicator),
                       soci::use(row.section.value, row.section.indicator),
                       soci::use(row.confirmed.value, row.confirmed.indicator),
                       soci::use(row.termination_note.value, row.termination_note.indicator),
                       soci::use(row.ledger.value, row.ledger.indicator),
                       soci::use(as_const(row.now)), soci::use(as_const(row.now)), soci::into(row.new_id));
  audit_insert = (sql.prepare << "INSERT INTO audit_log (at, actor, action, entity, entity_key, before_json, after_json,"
                                 " prev_hash, hash) VALUES (:at, :actor, :action, :entity, :key, :before, :after, :prev,"
                                 " :hash) RETURNING id",
                  soci::use(as_const(audit.at)), soci::use(as_const(audit.actor)), soci::use(as_const(audit.action)),
                  soci::use(as_const(audit.entity)), soci::use(as_const(audit.key)),
                  soci::use(audit.before.value, audit.before.indicator),
                  soci::use(audit.after.value, audit.after.indicator), soci::use(as_const(audit.prev)),
                  soci::use(as_const(audit.hash)), soci::into(audit.new_id));
}

bool PreparedWrites::execute_single(soci::statement& statement) {
  const bool got = statement.execute(true);
  while (statement.fetch()) {
  }
  return got;
}

}  // namespace itaku::detail

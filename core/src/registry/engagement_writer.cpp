#include "registry/engagement_writer.hpp"

#include "registry/row_mapping.hpp"
#include "itaku/domain/engagement_json.hpp"
#include "text/utc_timestamp.hpp"

namespace itaku::detail {

long long EngagementWriter::write_row(std::optional<long long> id, const Engagement& e, long long vendor, long long person) {
  const std::string status = engagement_status_name(e.status);
  NullableText zone(e.network_zone ? std::optional<std::string>(network_zone_name(*e.network_zone)) : std::nullopt);
  const std::string start = e.period.start.to_string();
  NullableText end(e.period.end ? std::optional(e.period.end->to_string()) : std::nullopt);
  NullableInt used(e.subcontracting ? std::optional<bool>(e.subcontracting->used) : std::nullopt);
  NullableInt approved(e.subcontracting ? e.subcontracting->approved : std::nullopt);
  NullableInt flow_down(e.subcontracting ? e.subcontracting->flow_down : std::nullopt);
  NullableInt interval(e.verification_interval_months);
  NullableText section(e.section.is_null() ? std::nullopt : std::optional(e.section.dump()));
  NullableText confirmed(e.termination ? std::optional(e.termination->return_confirmed_on.to_string()) : std::nullopt);
  NullableText termination_note(e.termination ? e.termination->note : std::nullopt);
  NullableText ledger(e.ledger.empty() ? std::nullopt : std::optional(nlohmann::json(e.ledger).dump()));
  long long vendor_value = vendor;
  soci::indicator vendor_indicator = vendor != 0 ? soci::i_ok : soci::i_null;
  long long person_value = person;
  soci::indicator person_indicator = person != 0 ? soci::i_ok : soci::i_null;
  const int personal_data = e.information.personal_data ? 1 : 0;
  const int my_number = e.information.my_number ? 1 : 0;
  const std::string now = utc_timestamp();

  if (id) {
    sql_ << "UPDATE engagements SET kind = :kind, title = :title, department = :department, status = :status,"
            " responsible_person_id = :person, vendor_id = :vendor, confidentiality = :c, integrity = :i,"
            " availability = :a, personal_data = :pd, my_number = :mn, network_zone = :zone,"
            " period_start = :start, period_end = :end, subcontracting_used = :used,"
            " subcontracting_approved = :approved, subcontracting_flow_down = :flow,"
            " verification_interval_months = :interval, section_json = :section,"
            " return_confirmed_on = :confirmed, termination_note = :tnote, ledger_json = :ledger,"
            " updated_at = :now WHERE id = :id",
        soci::use(e.kind), soci::use(e.title), soci::use(e.department), soci::use(status),
        soci::use(person_value, person_indicator), soci::use(vendor_value, vendor_indicator),
        soci::use(e.information.confidentiality), soci::use(e.information.integrity),
        soci::use(e.information.availability), soci::use(personal_data), soci::use(my_number),
        soci::use(zone.value, zone.indicator), soci::use(start), soci::use(end.value, end.indicator),
        soci::use(used.value, used.indicator), soci::use(approved.value, approved.indicator),
        soci::use(flow_down.value, flow_down.indicator), soci::use(interval.value, interval.indicator),
        soci::use(section.value, section.indicator), soci::use(confirmed.value, confirmed.indicator),
        soci::use(termination_note.value, termination_note.indicator), soci::use(ledger.value, ledger.indicator),
        soci::use(now), soci::use(*id);
    return *id;
  }
  PreparedWrites::EngagementRow& row = prepared_.row;
  row.ref = e.ref;
  row.kind = e.kind;
  row.title = e.title;
  row.department = e.department;
  row.status = status;
  row.person = person_value;
  row.person_indicator = person_indicator;
  row.vendor = vendor_value;
  row.vendor_indicator = vendor_indicator;
  row.confidentiality = e.information.confidentiality;
  row.integrity = e.information.integrity;
  row.availability = e.information.availability;
  row.personal_data = personal_data;
  row.my_number = my_number;
  row.zone = zone;
  row.start = start;
  row.end = end;
  row.used = used;
  row.approved = approved;
  row.flow_down = flow_down;
  row.interval = interval;
  row.section = section;
  row.confirmed = confirmed;
  row.termination_note = termination_note;
  row.ledger = ledger;
  row.now = now;
  PreparedWrites::execute_single(prepared_.engagement_insert);
  return row.new_id;
}

// The contract's clause list is its current state (not history): an update rewrites it.
void EngagementWriter::write_clauses(long long id, const std::vector<std::string>& clauses, bool replacing) {
  if (replacing) sql_ << "DELETE FROM engagement_clauses WHERE engagement_id = :id", soci::use(id);
  PreparedWrites& hot = prepared_;
  hot.engagement_id = id;
  hot.position = 0;
  for (const auto& clause : clauses) {
    hot.text_a = clause;
    hot.clause.execute(true);
    ++hot.position;
  }
}

// History is only appended: `first_position` is the number of entries already stored.
void EngagementWriter::append_clause_evidence(long long id, std::size_t first_position, const std::vector<ClauseEvidence>& evidence) {
  PreparedWrites& hot = prepared_;
  hot.engagement_id = id;
  hot.position = static_cast<long long>(first_position);
  for (const auto& item : evidence) {
    hot.text_a = item.clause;
    hot.text_b = item.note;
    hot.evidence.execute(true);
    ++hot.position;
  }
}

void EngagementWriter::append_verifications(long long id, std::size_t first_position, const std::vector<Verification>& verifications) {
  PreparedWrites& hot = prepared_;
  hot.engagement_id = id;
  hot.position = static_cast<long long>(first_position);
  for (const auto& verification : verifications) {
    hot.text_a = verification.date.to_string();
    hot.text_b = verification_result_name(verification.result);
    hot.text_c = verification.verifier.value_or("");
    hot.indicator_c = verification.verifier ? soci::i_ok : soci::i_null;
    hot.text_d = verification.notes.value_or("");
    hot.indicator_d = verification.notes ? soci::i_ok : soci::i_null;
    hot.verification.execute(true);
    // A voided verification arrives only from a record (an export read back in).
    if (verification.voided) insert_void(id, hot.position, *verification.voided);
    ++hot.position;
  }
}

void EngagementWriter::insert_void(long long engagement_id, long long position, const VerificationVoid& void_entry) {
  sql_ << "INSERT INTO verification_voids (engagement_id, position, voided_at, voided_by, reason)"
          " VALUES (:id, :p, :at, :by, :reason)",
      soci::use(engagement_id), soci::use(position), soci::use(void_entry.at), soci::use(void_entry.by),
      soci::use(void_entry.reason);
}

}  // namespace itaku::detail

// Statements the store runs once per written row, prepared once per connection.
#pragma once

#include <soci/soci.h>

#include <string>

#include "registry/row_mapping.hpp"

namespace itaku::detail {

// Statements run once per imported row, prepared once per connection: re-parsing the SQL for
// every row cost SQLite more than executing it. Each binds to the members beside it, which are
// set before each execute().
struct PreparedWrites {
  explicit PreparedWrites(soci::session& sql);
  template <typename T>
  static const T& as_const(T& value) {
    return value;
  }

  // Runs a statement that yields at most one row and steps it to its end: SQLite refuses to
  // COMMIT while a statement still has a row pending.
  static bool execute_single(soci::statement& statement);

  // The engagement row, for inserts (the bound values of engagement_insert).
  struct EngagementRow {
    std::string ref, kind, title, department, status, start, now;
    long long person = 0, vendor = 0;
    soci::indicator person_indicator = soci::i_null, vendor_indicator = soci::i_null;
    int confidentiality = 0, integrity = 0, availability = 0, personal_data = 0, my_number = 0;
    NullableText zone, end, section, confirmed, termination_note, ledger;
    NullableInt used, approved, flow_down, interval;
    long long new_id = 0;
  } row;

  // The audit entry being appended (the bound values of audit_insert).
  struct AuditRow {
    std::string at, actor, action, entity, key, prev, hash;
    NullableText before, after;
    long long new_id = 0;
  } audit;

  void prepare_row_inserts(soci::session& sql);

  long long engagement_id = 0;
  long long position = 0;
  std::string text_a, text_b, text_c, text_d;
  soci::indicator indicator_c = soci::i_null, indicator_d = soci::i_null;
  std::string ref;
  long long found_id = 0;
  soci::statement clause;
  soci::statement verification;
  soci::statement evidence;
  soci::statement ref_lookup;
  soci::statement engagement_insert;
  soci::statement audit_insert;
};

}  // namespace itaku::detail
